package dev.sdkauth.request;

/**
 * Why a request was refused: the {@code reason} of its log line and the dimension of the {@code Rejections}
 * metric. A fixed word each, never anything the client sent.
 */
public enum Reason {
    INVALID_REQUEST,
    MALFORMED_BODY,
    BODY_TOO_LARGE,
    ROLE_REFUSED,
    SESSION_REFUSED,
    IDENTITY_REQUIRED,
    /** A ZAK the operator's ZAK_USERS does not hand out to this caller. */
    ZAK_REFUSED,
    /** Zoom does not know the user whose ZAK was asked for. */
    ZAK_USER_NOT_FOUND,
    /** An OAuth state that is unknown, used or expired, or an authorization Zoom did not give. */
    INVALID_STATE,
    /** A callback secret or webhook signature missing or wrong. */
    UNAUTHORIZED,
    /** A user with no grant: never authorized the app, or removed it. */
    NO_GRANT,
    MALFORMED_EVENT,
    NOT_FOUND,
    METHOD_NOT_ALLOWED,
    /** Credentials could not be had: not configured, SSM down or refusing, a secret too short. */
    CREDENTIALS_UNAVAILABLE("Credentials unavailable: the endpoint cannot sign tokens right now"),
    /** A policy setting cannot be read, so every token is refused rather than issued unchecked. */
    MISCONFIGURED("Misconfigured: the endpoint's settings cannot be read, so it issues no tokens"),
    INTERNAL_ERROR("Internal error while issuing the token"),
    /** Zoom throttled, failed or was too slow when asked for a ZAK. */
    ZOOM_UNAVAILABLE("Zoom unavailable: the endpoint could not get the ZAK from Zoom right now");

    private final String publicSentence;

    Reason() {
        this(null);
    }

    Reason(String publicSentence) {
        this.publicSentence = publicSentence;
    }

    /** The word logs and metrics use, e.g. {@code invalid_request}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * For a failure of the endpoint itself (a 5xx), what a stranger may be told: the kind of failure, nothing of
     * how the endpoint is set up. Null for refusals of the request, whose reasons are about the request.
     */
    public String publicSentence() {
        return publicSentence;
    }
}
