package dev.sdkauth.credentials;

import dev.sdkauth.aws.SsmParameter;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.sdkauth.Environment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the environment configures one product's key and secret: each from its SSM parameter when one is named
 * (the name wins), otherwise from its direct variable.
 */
final class ProductSettings implements Resolver<SdkCredentials> {
    private final Product product;
    private final ConfiguredValue key;
    private final ConfiguredValue secret;

    ProductSettings(Product product, Environment env) {
        this.product = product;
        this.key = ConfiguredValue.read(env, product.keyParameter(), product.key());
        this.secret = ConfiguredValue.read(env, product.secretParameter(), product.secret());
    }

    Product product() {
        return product;
    }

    @Override
    public String label() {
        return "the " + product.label() + " credentials";
    }

    /** The SSM names to fetch, in key-then-secret order; empty when both values are given directly. */
    @Override
    public List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        for (ConfiguredValue setting : List.of(key, secret)) {
            if (setting.parameter() != null && !names.contains(setting.parameter())) {
                names.add(setting.parameter());
            }
        }
        return names;
    }

    /** The credentials, given what SSM answered for {@link #parameterNames()}. */
    @Override
    public SdkCredentials resolve(Map<String, SsmParameter> fetched, LambdaLogger log) {
        for (ConfiguredValue setting : List.of(key, secret)) {
            if (!setting.configured()) {
                throw new CredentialsUnavailable("The " + product.label() + " credentials are incomplete: set "
                        + setting.parameterSetting().name() + " (an SSM parameter name) or "
                        + setting.valueSetting().name());
            }
        }
        List<String> missing = new ArrayList<>();
        for (ConfiguredValue setting : List.of(key, secret)) {
            if (setting.parameter() != null && !fetched.containsKey(setting.parameter())) {
                missing.add(setting.describe());
            }
        }
        if (!missing.isEmpty()) {
            throw new CredentialsUnavailable("SSM parameter(s) not found: " + String.join(", ", missing)
                    + "; create them with aws ssm put-parameter --type SecureString, in the function's region");
        }
        if (secret.parameter() != null && !fetched.get(secret.parameter()).secure()) {
            log.log("SSM parameter " + secret.parameter() + " holding the " + product.label()
                    + " secret is not a SecureString; store it encrypted", LogLevel.WARN);
        }
        return Credentials.of(product, key.from(fetched), secret.from(fetched));
    }
}
