package dev.sdkauth.telemetry;

/**
 * What one request came to, noted while it is handled and written as its log line once it is answered. Only fixed
 * words and small numbers go in: never the body, a token, a secret or anything else the client wrote.
 */
public final class RequestRecord {
    private String route = "unknown";
    private String dialect;
    private Long role;
    private String outcome = "rejected";
    private String reason;

    public void route(String route) {
        this.route = route;
    }

    public void dialect(String dialect) {
        this.dialect = dialect;
    }

    public void role(Long role) {
        this.role = role;
    }

    public void issued() {
        outcome = "issued";
        reason = null;
    }

    public void preflight() {
        outcome = "preflight";
        reason = null;
    }

    /** @param reason a fixed code such as {@code invalid_request} or {@code role_refused} */
    public void rejected(String reason) {
        outcome = "rejected";
        this.reason = reason;
    }

    String route() {
        return route;
    }

    String dialect() {
        return dialect;
    }

    Long role() {
        return role;
    }

    String outcome() {
        return outcome;
    }

    String reason() {
        return reason;
    }
}
