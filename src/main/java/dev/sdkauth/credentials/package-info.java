/**
 * The Zoom side of credentials: which products there are, where each product's SDK key and secret come from
 * (direct values, SSM parameter names, development credentials), the per-container store with its TTL and
 * stale-on-error, and the checks a key and secret must pass before anything is signed with them.
 *
 * <p>The rule of this room: it asks {@code aws} for parameters and turns an {@link dev.sdkauth.aws.AwsException}
 * into {@link dev.sdkauth.credentials.CredentialsUnavailable}; it never signs, sends or parses an AWS request
 * itself.
 */
package dev.sdkauth.credentials;
