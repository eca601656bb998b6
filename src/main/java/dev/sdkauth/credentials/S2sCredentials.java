package dev.sdkauth.credentials;

/**
 * A Zoom Server-to-Server OAuth app: the account it acts for, and the client ID and secret it authenticates with
 * (HTTP Basic) when it asks Zoom for an access token. {@link #toString()} hides the secret.
 */
public record S2sCredentials(String accountId, String clientId, String clientSecret) {
    @Override
    public String toString() {
        return "S2sCredentials[accountId=" + accountId + ", clientId=" + clientId + ", clientSecret=<redacted>]";
    }
}
