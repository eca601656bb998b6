package dev.sdkauth.doctor;

import dev.sdkauth.credentials.Product;
import dev.sdkauth.credentials.SdkCredentials;

/** The credentials the function itself would sign with, as the doctor may compare a token against them. */
@FunctionalInterface
public interface ConfiguredCredentials {
    /** Nothing configured: signatures are not checked unless a secret is given explicitly. */
    ConfiguredCredentials NONE = product -> null;

    /**
     * @return the product's credentials, or null when none are configured for it
     * @throws dev.sdkauth.credentials.CredentialsUnavailable when they are configured but cannot be read
     */
    SdkCredentials load(Product product);
}
