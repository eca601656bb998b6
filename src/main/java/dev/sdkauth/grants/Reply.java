package dev.sdkauth.grants;

import java.util.Map;

/**
 * What a grant route answers, before the handler puts it in its door's shape: a status, the body's type and text,
 * and a {@code Location} for a redirect.
 */
public record Reply(int status, String contentType, String body, Map<String, String> headers) {
    static Reply text(String body) {
        return new Reply(200, "text/plain; charset=utf-8", body, Map.of());
    }

    static Reply json(String body) {
        return new Reply(200, "application/json", body, Map.of());
    }

    static Reply html(String body) {
        return new Reply(200, "text/html; charset=utf-8", body, Map.of());
    }

    static Reply redirect(String location) {
        return new Reply(302, null, null, Map.of("Location", location));
    }
}
