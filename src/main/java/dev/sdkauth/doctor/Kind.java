package dev.sdkauth.doctor;

import dev.sdkauth.credentials.Product;

/** What a token is, as far as its shape tells. */
public enum Kind {
    VIDEO_SDK("video-sdk", "Video SDK JWT", Product.VIDEO_SDK),
    MEETING_SDK("meeting-sdk", "Meeting SDK JWT", Product.MEETING_SDK),
    /** A JWT app's token for Zoom's REST API ({@code iss} and {@code exp}); JWT apps are retired. */
    ZOOM_API_JWT("zoom-api-jwt", "Zoom API JWT of a retired JWT app", null),
    /** A user's ZAK, which Zoom issues and signs itself: the Meeting SDK takes it beside the JWT ({@link Zak}). */
    ZAK("zak", "ZAK (Zoom Access Key) of a Zoom user", null),
    /** The Meeting SDK's signature before it became a JWT: base64 of {@code apiKey.meetingNumber.timestamp.role.hash}. */
    LEGACY_SIGNATURE("legacy-signature", "pre-JWT Meeting SDK signature", null),
    UNKNOWN("unknown", "not a Zoom SDK token", null);

    private final String label;
    private final String description;
    private final Product product;

    Kind(String label, String description, Product product) {
        this.label = label;
        this.description = description;
        this.product = product;
    }

    /** The JSON report's name for it. */
    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** The product whose secret signs this kind of token, or null when it is not an SDK JWT. */
    public Product product() {
        return product;
    }
}
