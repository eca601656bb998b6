package dev.sdkauth.doctor;

/** What checking the HS256 signature found. */
public enum SignatureStatus {
    VALID("valid"),
    INVALID("invalid"),
    /** It verifies with the other product's secret: a Meeting SDK secret on a Video SDK token, or the reverse. */
    OTHER_PRODUCT("other-product"),
    /** It verifies with the local CLI's built-in development credentials, which Zoom knows nothing of. */
    DEVELOPMENT("development"),
    NOT_CHECKED("not-checked");

    private final String label;

    SignatureStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
