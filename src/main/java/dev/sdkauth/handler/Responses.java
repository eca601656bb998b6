package dev.sdkauth.handler;

import dev.sdkauth.Json;
import dev.sdkauth.request.ValidationError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Answers: always JSON, never cached (they carry tokens), with the CORS headers of the request. */
final class Responses {
    private Responses() {
    }

    static Response json(int status, Map<String, Object> body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Cache-Control", "no-store");
        headers.putAll(extraHeaders);
        return new Response(status, headers, body == null ? null : Json.write(body));
    }

    /** The one error shape: {@code {"errors": [{"property": name-or-null, "reason": sentence}, ...]}}. */
    static Response errors(int status, List<ValidationError> errors, Map<String, String> headers) {
        List<Object> list = new ArrayList<>();
        for (ValidationError error : errors) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("property", error.property() == null ? Json.NULL : error.property());
            entry.put("reason", error.reason());
            list.add(entry);
        }
        return json(status, Map.of("errors", list), headers);
    }

    /** A route of users' grants: its own content type (text, HTML, JSON) or a redirect, never cached. */
    static Response reply(dev.sdkauth.grants.Reply reply, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (reply.contentType() != null) {
            headers.put("Content-Type", reply.contentType());
        }
        headers.put("Cache-Control", "no-store");
        headers.putAll(extraHeaders);
        headers.putAll(reply.headers());
        return new Response(reply.status(), headers, reply.body());
    }

    /**
     * A deployed 5xx: the error shape with one sentence saying what kind of failure it was, and the request ID
     * beside it, so that a front end can show it and the operator can find the log line.
     */
    static Response failure(int status, String sentence, String requestId, Map<String, String> headers) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("property", Json.NULL);
        entry.put("reason", sentence);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", List.of(entry));
        body.put("requestId", requestId == null ? Json.NULL : requestId);
        return json(status, body, headers);
    }
}
