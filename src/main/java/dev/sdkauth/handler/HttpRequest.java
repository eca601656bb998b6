package dev.sdkauth.handler;

import dev.sdkauth.policy.Caller;

import java.util.Map;

/**
 * One request as the handler routes it, whatever door it came through. Built with {@link #from(Door)}, so that
 * each field is named where it is set.
 *
 * @param method       upper case; empty when the event had none
 * @param path         the path to route on, without the stage; trailing slashes are dropped, and "" is "/"
 * @param headers      by lower-cased name, one value each
 * @param body         as the event carried it, or null
 * @param caller       the identity the door's authorizer established
 * @param apiRequestId the door's own request id, to join with its access logs (null when it has none)
 * @param query        the query string's parameters, decoded, the first value of each
 * @param origin       the URL this request's routes live under as the client sees it ({@code https://HOST/STAGE}),
 *                     or null when the event does not say
 */
public record HttpRequest(Door door, String method, String path, Map<String, String> headers, String body,
                          boolean base64Encoded, Caller caller, String apiRequestId, Map<String, String> query,
                          String origin) implements Incoming {

    public HttpRequest {
        path = routePath(path);
        headers = Map.copyOf(headers);
        query = Map.copyOf(query);
    }

    public static Builder from(Door door) {
        return new Builder(door);
    }

    /** A query parameter, or null. */
    public String parameter(String name) {
        return query.get(name);
    }

    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    public Route route() {
        return Route.of(path);
    }

    private static String routePath(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "/";
        }
        int end = raw.length();
        while (end > 1 && raw.charAt(end - 1) == '/') {
            end--;
        }
        return raw.substring(0, end);
    }

    /** Fields not set keep an empty request's values: no method, "/", no headers or body, anonymous. */
    public static final class Builder {
        private final Door door;
        private String method = "";
        private String path = "/";
        private Map<String, String> headers = Map.of();
        private String body;
        private boolean base64Encoded;
        private Caller caller = Caller.ANONYMOUS;
        private String apiRequestId;
        private Map<String, String> query = Map.of();
        private String origin;

        private Builder(Door door) {
            this.door = door;
        }

        public Builder method(String method) {
            this.method = method;
            return this;
        }

        public Builder path(String path) {
            this.path = path;
            return this;
        }

        public Builder headers(Map<String, String> headers) {
            this.headers = headers;
            return this;
        }

        public Builder body(String body, boolean base64Encoded) {
            this.body = body;
            this.base64Encoded = base64Encoded;
            return this;
        }

        public Builder caller(Caller caller) {
            this.caller = caller;
            return this;
        }

        public Builder apiRequestId(String apiRequestId) {
            this.apiRequestId = apiRequestId;
            return this;
        }

        public Builder query(Map<String, String> query) {
            this.query = query;
            return this;
        }

        public Builder origin(String origin) {
            this.origin = origin;
            return this;
        }

        public HttpRequest build() {
            return new HttpRequest(door, method, path, headers, body, base64Encoded, caller, apiRequestId, query,
                    origin);
        }
    }
}
