/**
 * Everything that speaks to AWS: SigV4 signing, the AWS credential sources (environment, shared profile files,
 * the container credentials endpoint), the HTTP exchange, and the SSM GetParameters client with its retry and
 * throttling rules.
 *
 * <p>The rule of this room: it knows nothing of Zoom. It imports only the JDK, jackson-core and the project's
 * shared base package ({@code Environment}, {@code Setting}, {@code Text}), never {@code credentials}, {@code token},
 * {@code handler} or any other Zoom-side package, and it reports every failure as {@link dev.sdkauth.aws.AwsException},
 * which the Zoom side turns into its own outcome.
 */
package dev.sdkauth.aws;
