package dev.sdkauth.aws;

import java.time.Instant;

/**
 * AWS credentials to sign the SSM call with, and where they came from (for error messages: never the secret or
 * the token, which {@link #toString()} hides too).
 *
 * @param sessionToken null for long-term keys
 * @param expiration   null when they do not expire (keys from the environment or a profile)
 * @param source       in words, e.g. "the environment (AWS_ACCESS_KEY_ID)"
 */
public record AwsCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration,
                      String source) {
    @Override
    public String toString() {
        return "AwsCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=<redacted>, sessionToken="
                + (sessionToken == null ? "none" : "<redacted>") + ", expiration=" + expiration + ", source=" + source
                + "]";
    }
}
