package dev.sdkauth.local;

import dev.sdkauth.credentials.CredentialsUnavailable;
import dev.sdkauth.credentials.Product;
import dev.sdkauth.credentials.SdkCredentials;
import dev.sdkauth.doctor.ConfiguredCredentials;

import java.util.EnumMap;
import java.util.Map;

/**
 * Each product's credentials read once for a whole {@code check}: the doctor asks for both products on every
 * token, and a failure is kept rather than retried, since an unreachable SSM costs its whole retry budget a time.
 */
final class CredentialsOnce implements ConfiguredCredentials {
    private final ConfiguredCredentials source;
    private final Map<Product, SdkCredentials> found = new EnumMap<>(Product.class);
    private final Map<Product, CredentialsUnavailable> failed = new EnumMap<>(Product.class);

    CredentialsOnce(ConfiguredCredentials source) {
        this.source = source;
    }

    @Override
    public SdkCredentials load(Product product) {
        CredentialsUnavailable failure = failed.get(product);
        if (failure != null) {
            throw failure;
        }
        if (!found.containsKey(product)) {
            try {
                found.put(product, source.load(product));
            } catch (CredentialsUnavailable unavailable) {
                failed.put(product, unavailable);
                throw unavailable;
            }
        }
        return found.get(product);
    }
}
