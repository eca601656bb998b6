package dev.sdkauth.credentials;

import dev.sdkauth.Setting;

/** The two Zoom SDK apps we sign for; each has its own credentials and its own four settings. */
public enum Product {
    VIDEO_SDK("Video SDK", Setting.ZOOM_VIDEO_SDK_KEY, Setting.ZOOM_VIDEO_SDK_SECRET,
            Setting.ZOOM_VIDEO_SDK_KEY_PARAMETER, Setting.ZOOM_VIDEO_SDK_SECRET_PARAMETER),
    MEETING_SDK("Meeting SDK", Setting.ZOOM_MEETING_SDK_KEY, Setting.ZOOM_MEETING_SDK_SECRET,
            Setting.ZOOM_MEETING_SDK_KEY_PARAMETER, Setting.ZOOM_MEETING_SDK_SECRET_PARAMETER);

    private final String label;
    private final Setting key;
    private final Setting secret;
    private final Setting keyParameter;
    private final Setting secretParameter;

    Product(String label, Setting key, Setting secret, Setting keyParameter, Setting secretParameter) {
        this.label = label;
        this.key = key;
        this.secret = secret;
        this.keyParameter = keyParameter;
        this.secretParameter = secretParameter;
    }

    public String label() {
        return label;
    }

    /** The setting holding the key itself, e.g. ZOOM_VIDEO_SDK_KEY. */
    public Setting key() {
        return key;
    }

    public Setting secret() {
        return secret;
    }

    /** The setting holding the SSM parameter name of the key, e.g. ZOOM_VIDEO_SDK_KEY_PARAMETER. */
    public Setting keyParameter() {
        return keyParameter;
    }

    public Setting secretParameter() {
        return secretParameter;
    }

    /** The variables' names, for messages. */
    public String keyVariable() {
        return key.name();
    }

    public String secretVariable() {
        return secret.name();
    }

    public String keyParameterVariable() {
        return keyParameter.name();
    }

    public String secretParameterVariable() {
        return secretParameter.name();
    }
}
