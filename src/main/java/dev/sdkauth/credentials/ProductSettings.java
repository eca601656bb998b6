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
final class ProductSettings {
    private final Product product;
    private final Source key;
    private final Source secret;

    /** Where one value comes from: {@code parameter} (an SSM name) wins over {@code value}. */
    record Source(String parameterVariable, String parameter, String valueVariable, String value) {
        boolean configured() {
            return parameter != null || value != null;
        }
    }

    ProductSettings(Product product, Environment env) {
        this.product = product;
        this.key = setting(env, product.keyParameter(), product.key());
        this.secret = setting(env, product.secretParameter(), product.secret());
    }

    Product product() {
        return product;
    }

    /** The SSM names to fetch, in key-then-secret order; empty when both values are given directly. */
    List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        for (Source setting : List.of(key, secret)) {
            if (setting.parameter() != null && !names.contains(setting.parameter())) {
                names.add(setting.parameter());
            }
        }
        return names;
    }

    /** The credentials, given what SSM answered for {@link #parameterNames()}. */
    SdkCredentials resolve(Map<String, SsmParameter> fetched, LambdaLogger log) {
        for (Source setting : List.of(key, secret)) {
            if (!setting.configured()) {
                throw new CredentialsUnavailable("The " + product.label() + " credentials are incomplete: set "
                        + setting.parameterVariable() + " (an SSM parameter name) or " + setting.valueVariable());
            }
        }
        List<String> missing = new ArrayList<>();
        for (Source setting : List.of(key, secret)) {
            if (setting.parameter() != null && !fetched.containsKey(setting.parameter())) {
                missing.add(setting.parameter() + " (named by " + setting.parameterVariable() + ")");
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
        return Credentials.of(product, valueOf(key, fetched), valueOf(secret, fetched));
    }

    private static String valueOf(Source setting, Map<String, SsmParameter> fetched) {
        return setting.parameter() != null ? fetched.get(setting.parameter()).value() : setting.value();
    }

    private static Source setting(Environment env, dev.sdkauth.Setting parameterVariable,
                                  dev.sdkauth.Setting valueVariable) {
        return new Source(parameterVariable.name(), env.get(parameterVariable), valueVariable.name(),
                env.get(valueVariable));
    }
}
