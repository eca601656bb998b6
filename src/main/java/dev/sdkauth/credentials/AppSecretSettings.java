package dev.sdkauth.credentials;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.sdkauth.Environment;
import dev.sdkauth.aws.SsmParameter;

import java.util.List;
import java.util.Map;

/** Where one {@link AppSecret} comes from, and its value once SSM answered. */
final class AppSecretSettings implements Resolver<String> {
    private final AppSecret secret;
    private final ConfiguredValue value;

    AppSecretSettings(AppSecret secret, Environment env) {
        this.secret = secret;
        this.value = ConfiguredValue.read(env, secret.parameter(), secret.value());
    }

    boolean configured() {
        return value.configured();
    }

    @Override
    public String label() {
        return secret.label();
    }

    @Override
    public List<String> parameterNames() {
        return value.parameter() == null ? List.of() : List.of(value.parameter());
    }

    @Override
    public String resolve(Map<String, SsmParameter> fetched, LambdaLogger log) {
        String found = value.from(fetched);
        if (found == null || found.isBlank()) {
            throw new CredentialsUnavailable(secret.label() + " is missing: " + value.describe()
                    + (value.parameter() != null ? " is not in SSM" : " is empty"));
        }
        if (value.parameter() != null && !fetched.get(value.parameter()).secure()) {
            log.log("SSM parameter " + value.parameter() + " holding " + secret.label()
                    + " is not a SecureString; store it encrypted", LogLevel.WARN);
        }
        return found.strip();
    }
}
