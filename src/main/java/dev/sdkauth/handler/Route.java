package dev.sdkauth.handler;

/**
 * Where a request goes, by its path, and the one method it takes there; the label is the {@code route} of its log
 * line and metric dimension.
 */
public enum Route {
    VIDEO("/", "POST", "video"),
    MEETING("/meeting", "POST", "meeting"),
    /** A user starts authorizing the app: redirected to Zoom's consent page. */
    OAUTH_AUTHORIZE("/oauth/authorize", "GET", "oauth_authorize"),
    /** Zoom sends the user back with a code. */
    OAUTH_CALLBACK("/oauth/callback", "GET", "oauth_callback"),
    /** A bot platform fetches an OBF token just in time. */
    OBF("/obf", "GET", "obf"),
    /** A bot platform fetches a user's own ZAK through their grant. */
    USER_ZAK("/zak", "GET", "user_zak"),
    /** Zoom's webhooks: URL validation, deauthorization. */
    ZOOM_EVENTS("/zoom/events", "POST", "zoom_events"),
    /** Any other path: answered 404 (its preflight still passes, so that a browser can read that 404). */
    UNKNOWN(null, null, "unknown");

    private final String path;
    private final String method;
    private final String label;

    Route(String path, String method, String label) {
        this.path = path;
        this.method = method;
        this.label = label;
    }

    /** The route of a path as {@link HttpRequest} normalised it. */
    static Route of(String path) {
        for (Route route : values()) {
            if (path.equals(route.path)) {
                return route;
            }
        }
        return UNKNOWN;
    }

    /** Whether an event's resource or route key names one of our own routes. */
    static boolean ours(String path) {
        return path != null && of(path) != UNKNOWN;
    }

    /** The method this route takes (besides OPTIONS); null for UNKNOWN. */
    String method() {
        return method;
    }

    /** Whether it answers a user's grant's routes, which exist only with GRANTS_TABLE. */
    boolean ofGrants() {
        return this == OAUTH_AUTHORIZE || this == OAUTH_CALLBACK || this == OBF || this == USER_ZAK
                || this == ZOOM_EVENTS;
    }

    public String label() {
        return label;
    }
}
