package dev.sdkauth.doctor;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.sdkauth.Environment;
import dev.sdkauth.aws.SsmParameters;
import dev.sdkauth.credentials.CredentialStore;
import dev.sdkauth.credentials.Credentials;
import dev.sdkauth.credentials.Product;
import dev.sdkauth.credentials.SdkCredentials;

import java.time.Clock;

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

    /**
     * The function's own credentials, read as the deployed function reads them ({@code ZOOM_*} variables, or SSM
     * with this machine's AWS credentials), never the local CLI's development ones: a token signed with those is
     * not one Zoom accepts. Nothing is fetched until asked, and only for a product that is configured; one SSM
     * call serves both products.
     */
    static ConfiguredCredentials asTheFunctionReadsThem(Environment env, Clock clock, LambdaLogger log) {
        CredentialStore store = Credentials.store(env, new SsmParameters(env), false, Credentials.cacheTtl(env, log),
                clock, log);
        return product -> Credentials.unconfigured(product, env) ? null : store.load(product);
    }
}
