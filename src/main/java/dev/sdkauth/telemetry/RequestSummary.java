package dev.sdkauth.telemetry;

/**
 * What one request came to, as its log line reports it. Only fixed words and small numbers: never the body, a
 * token, a secret or anything else the client wrote.
 *
 * @param route   {@code video}, {@code meeting} or {@code unknown}
 * @param dialect the Video SDK request dialect, or null
 * @param role    the role issued, or null when there is none to report
 * @param outcome {@code issued}, {@code rejected} or {@code preflight}
 * @param reason  a fixed code such as {@code invalid_request} for a rejection, else null
 */
public record RequestSummary(String route, String dialect, Long role, String outcome, String reason, int status) {

    public static RequestSummary issued(String route, String dialect, Long role) {
        return new RequestSummary(route, dialect, role, "issued", null, 200);
    }

    public static RequestSummary preflight(String route, int status) {
        return new RequestSummary(route, null, null, "preflight", null, status);
    }

    public static RequestSummary rejected(String route, String reason, int status) {
        return new RequestSummary(route, null, null, "rejected", reason, status);
    }
}
