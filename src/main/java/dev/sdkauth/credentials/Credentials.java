package dev.sdkauth.credentials;

import dev.sdkauth.Setting;
import dev.sdkauth.aws.SsmParameter;
import dev.sdkauth.aws.SsmParameters;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.sdkauth.Environment;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Decides, from the environment, where each product's credentials come from. */
public final class Credentials {
    /** HS256 needs a key of at least 256 bits (RFC 7518, section 3.2). */
    public static final int MIN_SECRET_BYTES = 32;
    private static final long MAX_TTL_SECONDS = 86_400;
    private static final String DEVELOPMENT_SECRET = "development-only-secret-that-zoom-will-reject";

    private Credentials() {
    }

    /**
     * The container's credentials for every product, and the Server-to-Server OAuth app's when one is configured.
     * A product with none of its four variables set signs with development credentials when
     * {@code allowDevelopment} (the local CLI), and otherwise answers "not configured". There are no development
     * Server-to-Server credentials: a ZAK comes from Zoom or not at all.
     */
    public static CredentialStore store(Environment env, SsmParameters ssm, boolean allowDevelopment, Duration ttl,
                                        Clock clock, LambdaLogger log) {
        Map<Product, Resolver<SdkCredentials>> products = new EnumMap<>(Product.class);
        List<Resolver<?>> fixed = new ArrayList<>();
        for (Product product : Product.values()) {
            Resolver<SdkCredentials> resolver = new ProductSettings(product, env);
            if (unconfigured(product, env)) {
                resolver = allowDevelopment ? new Fixed<>(resolver.label(), development(product)) : new Fixed<>(
                        resolver.label(), () -> {
                    throw new CredentialsUnavailable("The " + product.label() + " credentials are not configured: set "
                            + product.keyParameterVariable() + " and " + product.secretParameterVariable()
                            + " (SSM parameter names), or " + product.keyVariable() + " and " + product.secretVariable());
                });
            }
            products.put(product, resolver);
            if (resolver.parameterNames().isEmpty()) {
                fixed.add(resolver);
            }
        }
        S2sSettings s2s = new S2sSettings(env);
        if (s2s.configured() && s2s.parameterNames().isEmpty()) {
            fixed.add(s2s);
        }
        Map<AppSecret, Resolver<String>> appSecrets = new EnumMap<>(AppSecret.class);
        for (AppSecret secret : AppSecret.values()) {
            AppSecretSettings settings = new AppSecretSettings(secret, env);
            if (settings.configured()) {
                appSecrets.put(secret, settings);
                if (settings.parameterNames().isEmpty()) {
                    fixed.add(settings);
                }
            }
        }
        return new CredentialStore(products, s2s.configured() ? s2s : null, appSecrets, fixed, ssm, ttl, clock, log);
    }

    /** A credential the environment alone decides: development values, or a refusal. */
    private record Fixed<T>(String label, Supplier<T> value) implements Resolver<T> {
        @Override
        public List<String> parameterNames() {
            return List.of();
        }

        @Override
        public T resolve(Map<String, SsmParameter> fetched, LambdaLogger log) {
            return value.get();
        }
    }

    private static Supplier<SdkCredentials> development(Product product) {
        SdkCredentials development = of(product, "development-" + product.name().toLowerCase().replace('_', '-')
                + "-key", DEVELOPMENT_SECRET);
        return () -> development;
    }

    /** {@code CREDENTIALS_CACHE_TTL_SECONDS}, 0 to 86400; anything else is reported and the default used. */
    public static Duration cacheTtl(Environment env, LambdaLogger log) {
        return Duration.ofSeconds(env.seconds(Setting.CREDENTIALS_CACHE_TTL_SECONDS, MAX_TTL_SECONDS,
                warning -> log.log(warning, LogLevel.WARN)));
    }

    /** True when none of the product's variables is set: the local CLI then uses development credentials. */
    public static boolean unconfigured(Product product, Environment env) {
        return !env.isSet(product.key()) && !env.isSet(product.secret()) && !env.isSet(product.keyParameter())
                && !env.isSet(product.secretParameter());
    }

    /** Checks a key and secret and prepares the secret as an HMAC key. Values are stripped of stray whitespace. */
    static SdkCredentials of(Product product, String key, String secret) {
        String trimmedKey = key == null ? "" : key.strip();
        byte[] secretBytes = (secret == null ? "" : secret.strip()).getBytes(StandardCharsets.UTF_8);
        if (trimmedKey.isEmpty()) {
            throw new CredentialsUnavailable("The " + product.label() + " key is empty: check "
                    + product.keyVariable() + " or the parameter named by " + product.keyParameterVariable());
        }
        if (secretBytes.length < MIN_SECRET_BYTES) {
            throw new CredentialsUnavailable("The " + product.label() + " secret is too short to sign with:"
                    + " HS256 needs a secret of at least " + MIN_SECRET_BYTES + " bytes (256 bits). Use the SDK secret"
                    + " from your Zoom app's credentials page (" + product.secretVariable() + " or the parameter named by "
                    + product.secretParameterVariable() + ")");
        }
        SecretKey secretKey = new SecretKeySpec(secretBytes, "HmacSHA256");
        return new SdkCredentials(trimmedKey, secretKey);
    }
}
