package dev.sdkauth.zoom;

/**
 * Zoom did not give what was asked for. The kind says what the endpoint should answer; the message is for the log
 * (what was asked of which host, Zoom's error code and status), never a token or a secret.
 */
public final class ZoomException extends Exception {
    /** What the caller should be told, in kind. */
    public enum Kind {
        /** Zoom does not know the user (its error 1001). */
        USER_NOT_FOUND,
        /** Zoom refused the app itself: the grant, a missing scope (4700), bad hosts. Only the operator can fix it. */
        MISCONFIGURED,
        /** Zoom is throttling (429), failing (5xx) or too slow: worth trying again later. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final Long retryAfterSeconds;

    public ZoomException(Kind kind, String detail, Long retryAfterSeconds) {
        super(detail, null, false, false);
        this.kind = kind;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Kind kind() {
        return kind;
    }

    /** Zoom's own Retry-After, in seconds, when it gave one; else null. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
