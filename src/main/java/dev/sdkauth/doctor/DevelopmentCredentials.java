package dev.sdkauth.doctor;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.sdkauth.Environment;
import dev.sdkauth.aws.SsmParameters;
import dev.sdkauth.credentials.Credentials;
import dev.sdkauth.credentials.Product;
import dev.sdkauth.credentials.SdkCredentials;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The local CLI's built-in development credentials, to recognise a token signed with them. They are asked of the
 * same factory that signs with them (a store for an environment that configures nothing, with development allowed),
 * so that the doctor never holds a copy that could drift from what {@code serve} and {@code invoke} use.
 */
final class DevelopmentCredentials {
    private static final Map<Product, SdkCredentials> BY_PRODUCT = load();

    private DevelopmentCredentials() {
    }

    static SdkCredentials of(Product product) {
        return BY_PRODUCT.get(product);
    }

    private static Map<Product, SdkCredentials> load() {
        Environment nothingConfigured = name -> null;
        LambdaLogger silent = new LambdaLogger() {
            @Override
            public void log(String message) {
                // development credentials are settled without a word
            }

            @Override
            public void log(byte[] message) {
                // likewise
            }
        };
        var store = Credentials.store(nothingConfigured, new SsmParameters(nothingConfigured), true, Duration.ZERO,
                Clock.systemUTC(), silent);
        Map<Product, SdkCredentials> credentials = new EnumMap<>(Product.class);
        for (Product product : Product.values()) {
            credentials.put(product, store.load(product));
        }
        return credentials;
    }
}
