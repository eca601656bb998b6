package dev.sdkauth.handler;

/** Where a request goes, by its path; the label is the {@code route} of its log line and metric dimension. */
public enum Route {
    VIDEO("/", "video"),
    MEETING("/meeting", "meeting"),
    /** Any other path: answered 404 (its preflight still passes, so that a browser can read that 404). */
    UNKNOWN(null, "unknown");

    private final String path;
    private final String label;

    Route(String path, String label) {
        this.path = path;
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

    public String label() {
        return label;
    }
}
