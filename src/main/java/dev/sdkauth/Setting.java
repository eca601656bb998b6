package dev.sdkauth;

/**
 * Every environment variable the function and the command line read, in one list: its default, whether its value
 * is a secret, which side reads it, and whether the SAM template declares it. Code reads settings only through
 * {@link Environment#get(Setting)}; {@code TemplateTest} and the README test derive their lists from here, so a
 * variable added here and forgotten in the template or the README fails the build.
 */
public enum Setting {
    // The Zoom SDK credentials: SSM parameter names when deployed, direct values locally.
    ZOOM_VIDEO_SDK_KEY_PARAMETER(null, false, Side.FUNCTION, Declared.BY_TEMPLATE),
    ZOOM_VIDEO_SDK_SECRET_PARAMETER(null, false, Side.FUNCTION, Declared.BY_TEMPLATE),
    ZOOM_MEETING_SDK_KEY_PARAMETER(null, false, Side.FUNCTION, Declared.BY_TEMPLATE),
    ZOOM_MEETING_SDK_SECRET_PARAMETER(null, false, Side.FUNCTION, Declared.BY_TEMPLATE),
    /** Declared empty by the template, so that {@code sam local invoke --env-vars} can set them. */
    ZOOM_VIDEO_SDK_KEY(null, false, Side.FUNCTION, Declared.BY_TEMPLATE),
    ZOOM_VIDEO_SDK_SECRET(null, true, Side.FUNCTION, Declared.BY_TEMPLATE),
    ZOOM_MEETING_SDK_KEY(null, false, Side.FUNCTION, Declared.BY_TEMPLATE),
    ZOOM_MEETING_SDK_SECRET(null, true, Side.FUNCTION, Declared.BY_TEMPLATE),

    // Zoom's Server-to-Server OAuth app, for ZAKs: SSM parameter names when deployed, direct values locally.
    ZOOM_S2S_ACCOUNT_ID_PARAMETER(null, false, Side.FUNCTION, Declared.BY_TEMPLATE),
    ZOOM_S2S_CLIENT_ID_PARAMETER(null, false, Side.FUNCTION, Declared.BY_TEMPLATE),
    ZOOM_S2S_CLIENT_SECRET_PARAMETER(null, false, Side.FUNCTION, Declared.BY_TEMPLATE),
    ZOOM_S2S_ACCOUNT_ID(null, false, Side.FUNCTION, Declared.BY_TEMPLATE),
    ZOOM_S2S_CLIENT_ID(null, false, Side.FUNCTION, Declared.BY_TEMPLATE),
    ZOOM_S2S_CLIENT_SECRET(null, true, Side.FUNCTION, Declared.BY_TEMPLATE),
    /** Zoom's hosts: zoomgov.com for Zoom for Government, or a loopback stand-in in tests. */
    ZOOM_OAUTH_URL("https://zoom.us", false, Side.FUNCTION, Declared.BY_TEMPLATE),
    ZOOM_API_URL("https://api.zoom.us", false, Side.FUNCTION, Declared.BY_TEMPLATE),

    // Users' own OAuth grants, for OBF tokens and their ZAKs (empty GRANTS_TABLE: off).
    GRANTS_TABLE(null, false, Side.FUNCTION, Declared.BY_TEMPLATE),
    /** Base64 of 32 bytes: the AES-256-GCM key grants are sealed with. */
    GRANTS_KEY_PARAMETER(null, false, Side.FUNCTION, Declared.BY_TEMPLATE),
    GRANTS_KEY(null, true, Side.FUNCTION, Declared.BY_TEMPLATE),
    /** What bot platforms present (query parameter secret, or X-Callback-Secret) to fetch tokens. */
    CALLBACK_SECRET_PARAMETER(null, false, Side.FUNCTION, Declared.BY_TEMPLATE),
    CALLBACK_SECRET(null, true, Side.FUNCTION, Declared.BY_TEMPLATE),
    /** The secret token of the app's event subscription, which signs Zoom's webhooks. */
    ZOOM_WEBHOOK_SECRET_TOKEN_PARAMETER(null, false, Side.FUNCTION, Declared.BY_TEMPLATE),
    ZOOM_WEBHOOK_SECRET_TOKEN(null, true, Side.FUNCTION, Declared.BY_TEMPLATE),
    /** The OAuth app users authorize: by default the Meeting SDK app's key and secret. */
    ZOOM_OAUTH_CLIENT_ID_PARAMETER(null, false, Side.FUNCTION, Declared.BY_TEMPLATE),
    ZOOM_OAUTH_CLIENT_SECRET_PARAMETER(null, false, Side.FUNCTION, Declared.BY_TEMPLATE),
    ZOOM_OAUTH_CLIENT_ID(null, false, Side.FUNCTION, Declared.BY_TEMPLATE),
    ZOOM_OAUTH_CLIENT_SECRET(null, true, Side.FUNCTION, Declared.BY_TEMPLATE),
    /** The endpoint's public base URL, for the OAuth redirect URI; unset, derived from the request. */
    PUBLIC_URL(null, false, Side.FUNCTION, Declared.BY_TEMPLATE),
    /** Where the callback sends the browser after a user authorized; unset, a small page. */
    OAUTH_SUCCESS_URL(null, false, Side.FUNCTION, Declared.BY_TEMPLATE),

    // What the function issues, and to whom.
    ISSUED_AT_LEEWAY_SECONDS("30", false, Side.FUNCTION, Declared.BY_TEMPLATE),
    CREDENTIALS_CACHE_TTL_SECONDS("300", false, Side.FUNCTION, Declared.BY_TEMPLATE),
    ALLOWED_ORIGINS("*", false, Side.FUNCTION, Declared.BY_TEMPLATE),
    MAX_ROLE("1", false, Side.FUNCTION, Declared.BY_TEMPLATE),
    /** No default of its own: deployed, unset means false; locally ({@code serve}, {@code invoke}) true. */
    ANONYMOUS_HOST_TOKENS(null, false, Side.FUNCTION, Declared.BY_TEMPLATE),
    /** Whose ZAK may be handed out: empty (nobody), a list of user IDs and e-mails, "*", or "caller". */
    ZAK_USERS(null, false, Side.FUNCTION, Declared.BY_TEMPLATE),
    HOST_ROLE_CLAIM(null, false, Side.FUNCTION, Declared.BY_TEMPLATE),
    HOST_ROLE_VALUE(null, false, Side.FUNCTION, Declared.BY_TEMPLATE),
    SESSION_NAME_PATTERN(null, false, Side.FUNCTION, Declared.BY_TEMPLATE),
    BIND_USER_IDENTITY("false", false, Side.FUNCTION, Declared.BY_TEMPLATE),
    METRICS_NAMESPACE("ZoomSdkAuth", false, Side.FUNCTION, Declared.BY_TEMPLATE),

    // AWS, as the AWS SDKs name them; Lambda sets most of them.
    AWS_REGION(null, false, Side.FUNCTION, Declared.BY_LAMBDA),
    AWS_DEFAULT_REGION(null, false, Side.FUNCTION, Declared.BY_LAMBDA),
    AWS_ACCESS_KEY_ID(null, false, Side.FUNCTION, Declared.BY_LAMBDA),
    AWS_SECRET_ACCESS_KEY(null, true, Side.FUNCTION, Declared.BY_LAMBDA),
    AWS_SESSION_TOKEN(null, true, Side.FUNCTION, Declared.BY_LAMBDA),
    AWS_CONTAINER_CREDENTIALS_FULL_URI(null, false, Side.FUNCTION, Declared.BY_LAMBDA),
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI(null, false, Side.FUNCTION, Declared.BY_LAMBDA),
    AWS_CONTAINER_AUTHORIZATION_TOKEN(null, true, Side.FUNCTION, Declared.BY_LAMBDA),
    AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE(null, false, Side.FUNCTION, Declared.BY_LAMBDA),
    AWS_LAMBDA_INITIALIZATION_TYPE(null, false, Side.FUNCTION, Declared.BY_LAMBDA),
    AWS_ENDPOINT_URL_SSM(null, false, Side.FUNCTION, Declared.BY_OPERATOR),
    AWS_ENDPOINT_URL_DYNAMODB(null, false, Side.FUNCTION, Declared.BY_OPERATOR),
    AWS_ENDPOINT_URL(null, false, Side.FUNCTION, Declared.BY_OPERATOR),
    AWS_PROFILE("default", false, Side.FUNCTION, Declared.BY_OPERATOR),
    AWS_SHARED_CREDENTIALS_FILE(null, false, Side.FUNCTION, Declared.BY_OPERATOR),
    AWS_CONFIG_FILE(null, false, Side.FUNCTION, Declared.BY_OPERATOR),
    HOME(null, false, Side.FUNCTION, Declared.BY_OPERATOR),

    // The command line only.
    PORT("4000", false, Side.COMMAND_LINE, Declared.BY_OPERATOR);

    /** Which side reads a setting: the function (deployed, and locally under {@code serve} and {@code invoke}). */
    public enum Side { FUNCTION, COMMAND_LINE }

    /** Who gives it a value: the SAM template, Lambda's runtime, or the operator by hand. */
    public enum Declared { BY_TEMPLATE, BY_LAMBDA, BY_OPERATOR }

    private final String defaultValue;
    private final boolean secret;
    private final Side side;
    private final Declared declared;

    Setting(String defaultValue, boolean secret, Side side, Declared declared) {
        this.defaultValue = defaultValue;
        this.secret = secret;
        this.side = side;
        this.declared = declared;
    }

    /** The value used when the variable is unset or blank, as documented; null when there is none. */
    public String defaultValue() {
        return defaultValue;
    }

    /** True when its value must never be logged, answered or printed. */
    public boolean secret() {
        return secret;
    }

    public Side side() {
        return side;
    }

    public Declared declared() {
        return declared;
    }
}
