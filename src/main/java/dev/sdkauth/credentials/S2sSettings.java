package dev.sdkauth.credentials;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.sdkauth.Environment;
import dev.sdkauth.Setting;
import dev.sdkauth.aws.SsmParameter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the environment configures the Server-to-Server OAuth app: its account ID, client ID and client secret, each
 * from its SSM parameter when one is named, otherwise from its direct variable. With none of the six set, ZAKs
 * are off.
 */
final class S2sSettings implements Resolver<S2sCredentials> {
    private final ConfiguredValue accountId;
    private final ConfiguredValue clientId;
    private final ConfiguredValue clientSecret;

    S2sSettings(Environment env) {
        this.accountId = ConfiguredValue.read(env, Setting.ZOOM_S2S_ACCOUNT_ID_PARAMETER, Setting.ZOOM_S2S_ACCOUNT_ID);
        this.clientId = ConfiguredValue.read(env, Setting.ZOOM_S2S_CLIENT_ID_PARAMETER, Setting.ZOOM_S2S_CLIENT_ID);
        this.clientSecret = ConfiguredValue.read(env, Setting.ZOOM_S2S_CLIENT_SECRET_PARAMETER,
                Setting.ZOOM_S2S_CLIENT_SECRET);
    }

    boolean configured() {
        return accountId.configured() || clientId.configured() || clientSecret.configured();
    }

    @Override
    public String label() {
        return "Server-to-Server OAuth credentials";
    }

    @Override
    public List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        for (ConfiguredValue value : List.of(accountId, clientId, clientSecret)) {
            if (value.parameter() != null && !names.contains(value.parameter())) {
                names.add(value.parameter());
            }
        }
        return names;
    }

    @Override
    public S2sCredentials resolve(Map<String, SsmParameter> fetched, LambdaLogger log) {
        List<String> missing = new ArrayList<>();
        for (ConfiguredValue value : List.of(accountId, clientId, clientSecret)) {
            if (!value.configured()) {
                missing.add(value.parameterSetting().name() + " (an SSM parameter name) or " + value.valueSetting().name());
            } else if (value.from(fetched) == null || value.from(fetched).isBlank()) {
                missing.add(value.describe() + (value.parameter() != null ? ", which SSM does not have" : " is empty"));
            }
        }
        if (!missing.isEmpty()) {
            throw new CredentialsUnavailable("The Server-to-Server OAuth credentials for ZAKs are incomplete: "
                    + String.join("; ", missing));
        }
        if (clientSecret.parameter() != null && !fetched.get(clientSecret.parameter()).secure()) {
            log.log("SSM parameter " + clientSecret.parameter() + " holding the Server-to-Server OAuth client secret"
                    + " is not a SecureString; store it encrypted", LogLevel.WARN);
        }
        return new S2sCredentials(accountId.from(fetched).strip(), clientId.from(fetched).strip(),
                clientSecret.from(fetched).strip());
    }
}
