package dev.sdkauth.credentials;

/** The two Zoom SDK apps we sign for; each has its own credentials and its own family of variables. */
public enum Product {
    VIDEO_SDK("Video SDK", "ZOOM_VIDEO_SDK"),
    MEETING_SDK("Meeting SDK", "ZOOM_MEETING_SDK");

    private final String label;
    private final String prefix;

    Product(String label, String prefix) {
        this.label = label;
        this.prefix = prefix;
    }

    public String label() {
        return label;
    }

    /** The variable holding the key itself, e.g. ZOOM_VIDEO_SDK_KEY. */
    public String keyVariable() {
        return prefix + "_KEY";
    }

    public String secretVariable() {
        return prefix + "_SECRET";
    }

    /** The variable holding the SSM parameter name of the key, e.g. ZOOM_VIDEO_SDK_KEY_PARAMETER. */
    public String keyParameterVariable() {
        return keyVariable() + "_PARAMETER";
    }

    public String secretParameterVariable() {
        return secretVariable() + "_PARAMETER";
    }
}
