package dev.sdkauth.credentials;

import dev.sdkauth.Setting;

/**
 * The app's other secrets, beside the SDK credentials and the Server-to-Server app: those of users' grants. Each
 * from its SSM parameter when one is named, otherwise from its direct variable; read, cached and refreshed with the
 * rest.
 */
public enum AppSecret {
    GRANTS_KEY("the grants key", Setting.GRANTS_KEY_PARAMETER, Setting.GRANTS_KEY),
    CALLBACK_SECRET("the callback secret", Setting.CALLBACK_SECRET_PARAMETER, Setting.CALLBACK_SECRET),
    WEBHOOK_SECRET_TOKEN("the webhook secret token", Setting.ZOOM_WEBHOOK_SECRET_TOKEN_PARAMETER,
            Setting.ZOOM_WEBHOOK_SECRET_TOKEN),
    OAUTH_CLIENT_ID("the OAuth client ID", Setting.ZOOM_OAUTH_CLIENT_ID_PARAMETER, Setting.ZOOM_OAUTH_CLIENT_ID),
    OAUTH_CLIENT_SECRET("the OAuth client secret", Setting.ZOOM_OAUTH_CLIENT_SECRET_PARAMETER,
            Setting.ZOOM_OAUTH_CLIENT_SECRET);

    private final String label;
    private final Setting parameter;
    private final Setting value;

    AppSecret(String label, Setting parameter, Setting value) {
        this.label = label;
        this.parameter = parameter;
        this.value = value;
    }

    String label() {
        return label;
    }

    Setting parameter() {
        return parameter;
    }

    Setting value() {
        return value;
    }
}
