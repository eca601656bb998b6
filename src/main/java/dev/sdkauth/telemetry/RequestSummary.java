package dev.sdkauth.telemetry;

import dev.sdkauth.request.Reason;

/**
 * What one request came to, as its log line reports it. Only fixed words and small numbers: never the body, a
 * token, a secret or anything else the client wrote.
 *
 * @param route   the route's label ({@code video}, {@code meeting}, {@code unknown})
 * @param dialect the Video SDK request dialect's label, or null
 * @param role    the role issued, or null when there is none to report
 * @param reason  why a rejection was refused, else null
 */
public record RequestSummary(String route, String dialect, Long role, Outcome outcome, Reason reason, int status) {

    public static RequestSummary issued(String route, String dialect, Long role) {
        return new RequestSummary(route, dialect, role, Outcome.ISSUED, null, 200);
    }

    public static RequestSummary handled(String route, int status) {
        return new RequestSummary(route, null, null, Outcome.HANDLED, null, status);
    }

    public static RequestSummary preflight(String route, int status) {
        return new RequestSummary(route, null, null, Outcome.PREFLIGHT, null, status);
    }

    public static RequestSummary rejected(String route, Reason reason, int status) {
        return new RequestSummary(route, null, null, Outcome.REJECTED, reason, status);
    }
}
