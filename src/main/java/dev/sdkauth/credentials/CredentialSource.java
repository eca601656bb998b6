package dev.sdkauth.credentials;

/** Where one product's key and secret come from. */
@FunctionalInterface
public interface CredentialSource {
    /** @throws CredentialsUnavailable when there are none to be had, with the reason */
    SdkCredentials load();
}
