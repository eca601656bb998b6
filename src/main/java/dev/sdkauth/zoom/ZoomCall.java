package dev.sdkauth.zoom;

import dev.sdkauth.Http;
import dev.sdkauth.Json;
import dev.sdkauth.Text;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * One call to Zoom within a deadline, and what its answer means: the JSON object of a 2xx, or a
 * {@link ZoomException} of the right kind. Connect and read are bounded, and so is the whole, so that a Zoom outage
 * is answered within a few seconds, far inside API Gateway's 29.
 */
final class ZoomCall {
    static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    static final int READ_TIMEOUT_MILLIS = 3_000;

    private ZoomCall() {
    }

    /** Zoom's answer to a refused call: HTTP status, Zoom's numeric {@code code} (or null), its OAuth {@code error}. */
    record Refusal(int status, Long code, String error, Long retryAfterSeconds) {
        String describe() {
            return "HTTP " + status + (code == null ? "" : ", Zoom code " + code)
                    + (error == null ? "" : ", " + Text.clip(error, 60));
        }
    }

    /** A 2xx's JSON object. */
    record Answer(Map<String, Object> json) {
        String text(String name) {
            return Json.text(json, name);
        }
    }

    /** Thrown for any non-2xx, for the caller to judge by status and code. */
    static final class Refused extends Exception {
        final transient Refusal refusal;

        Refused(Refusal refusal) {
            super(refusal.describe(), null, false, false);
            this.refusal = refusal;
        }
    }

    /**
     * @param what  in words, for messages: "the ZAK of a user"
     * @throws Refused      when Zoom answered with anything but a 2xx
     * @throws ZoomException UNAVAILABLE when Zoom could not be reached in time, or answered a 2xx that is not JSON
     */
    static Answer call(String what, URI uri, String method, Map<String, String> headers, byte[] body, long deadline)
            throws Refused, ZoomException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new ZoomException(ZoomException.Kind.UNAVAILABLE, "No time left to ask " + ZoomHosts.origin(uri)
                    + " for " + what, null);
        }
        Http.Reply reply;
        try {
            reply = Http.exchange(uri, method, headers, body, (int) Math.min(CONNECT_TIMEOUT_MILLIS, left),
                    (int) Math.min(READ_TIMEOUT_MILLIS, left));
        } catch (IOException unreachable) {
            throw new ZoomException(ZoomException.Kind.UNAVAILABLE, "Could not ask " + ZoomHosts.origin(uri) + " for "
                    + what + ": " + unreachable.getClass().getSimpleName(), null);
        }
        Map<String, Object> json = null;
        try {
            json = Json.object(Json.read(reply.body()));
        } catch (IOException | RuntimeException notJson) {
            // judged below: a 2xx must be JSON, a refusal may be anything
        }
        if (reply.status() / 100 == 2) {
            if (json == null) {
                throw new ZoomException(ZoomException.Kind.UNAVAILABLE, ZoomHosts.origin(uri) + " answered " + what
                        + " with something that is not JSON (HTTP " + reply.status() + ")", null);
            }
            return new Answer(json);
        }
        Object code = json == null ? null : json.get("code");
        throw new Refused(new Refusal(reply.status(), code instanceof Number number ? number.longValue() : null,
                json == null ? null : Json.text(json, "error"), retryAfter(reply.header("retry-after"))));
    }

    /** Seconds from a Retry-After of whole seconds; an HTTP date or anything else is ignored. */
    private static Long retryAfter(String header) {
        if (header == null || !header.strip().matches("\\d{1,6}")) {
            return null;
        }
        return Long.parseLong(header.strip());
    }

    /** The usual judgement of what a refusal means, when nothing more specific applies. */
    static ZoomException judge(String what, URI uri, Refusal refusal) {
        String detail = ZoomHosts.origin(uri) + " refused " + what + " (" + refusal.describe() + ")";
        if (refusal.status() == 429 || refusal.status() >= 500) {
            return new ZoomException(ZoomException.Kind.UNAVAILABLE, detail, refusal.retryAfterSeconds());
        }
        return new ZoomException(ZoomException.Kind.MISCONFIGURED, detail, null);
    }
}
