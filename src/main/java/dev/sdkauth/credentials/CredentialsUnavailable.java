package dev.sdkauth.credentials;

/**
 * No credentials can be had right now. The message names the configuration problem in words an operator can act
 * on, and is safe to answer with: it never holds a secret.
 */
public final class CredentialsUnavailable extends RuntimeException {
    public CredentialsUnavailable(String reason) {
        super(reason, null, false, false);
    }
}
