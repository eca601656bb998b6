package dev.sdkauth.handler;

import dev.sdkauth.Json;
import dev.sdkauth.policy.Caller;
import dev.sdkauth.request.Coerce;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The events Lambda hands over from each door, read into one {@link HttpRequest}, and the answer written back in
 * the shape that door expects. Shapes, as AWS documents them:
 * <ul>
 *   <li>API Gateway REST API and HTTP API payload 1.0: {@code httpMethod}, {@code path}, {@code resource},
 *       {@code headers} and {@code multiValueHeaders}; identity in {@code requestContext.authorizer} (Cognito
 *       {@code claims}, Lambda authorizer context) and {@code requestContext.identity} (IAM);</li>
 *   <li>HTTP API payload 2.0 and function URLs: {@code version "2.0"}, {@code requestContext.http.method},
 *       {@code rawPath} (with the stage in it for a named stage), lower-cased headers with repeats joined by
 *       commas, {@code cookies}; identity in {@code requestContext.authorizer.jwt.claims}, {@code .lambda} and
 *       {@code .iam}; the answer has no {@code multiValueHeaders};</li>
 *   <li>Application Load Balancer: {@code requestContext.elb}, either {@code headers} or, with multi-value
 *       headers on, {@code multiValueHeaders}, and the answer must use the same one plus a
 *       {@code statusDescription}.</li>
 * </ul>
 */
final class ProxyEvent {
    /** 2.0 route keys are "METHOD /path"; a key with a real path routes more robustly than the raw path. */
    private static final Pattern ROUTE_KEY = Pattern.compile("\\S+ (/\\S*)");
    /**
     * The identity fields a host-role claim may name, under their 1.0 names: IAM's, and the API key's ID, which makes
     * a caller API Gateway let in with a required API key an identified one rather than anonymous.
     */
    private static final List<String> IDENTITY_FIELDS = List.of("userArn", "user", "caller", "accountId",
            "cognitoIdentityId", "apiKeyId");

    private final Incoming incoming;
    private final boolean multiValueHeaders;

    private ProxyEvent(Incoming incoming, boolean multiValueHeaders) {
        this.incoming = incoming;
        this.multiValueHeaders = multiValueHeaders;
    }

    Incoming incoming() {
        return incoming;
    }

    /** Never throws: an event that cannot be read becomes an {@link UnreadableEvent} that says why. */
    static ProxyEvent read(byte[] json) {
        Object root;
        try {
            root = Json.read(json);
        } catch (IOException | RuntimeException notJson) {
            return unreadable("The event is not valid JSON");
        }
        if (root == null || root == Json.NULL) {
            // An event file holding null or nothing: judged as an empty request, not dereferenced.
            return new ProxyEvent(HttpRequest.from(Door.REST_API).build(), false);
        }
        Map<String, Object> event = Json.object(root);
        if (event == null) {
            return unreadable("The event must be a JSON object, got " + Coerce.describe(root));
        }
        Map<String, Object> context = Json.object(event.get("requestContext"));
        if (Json.at(context, "elb") != null) {
            return loadBalancer(event);
        }
        if ("2.0".equals(Json.text(event, "version")) || Json.object(Json.at(context, "http")) != null) {
            return version2(event, context);
        }
        return version1(event, context);
    }

    private static ProxyEvent unreadable(String reason) {
        return new ProxyEvent(new UnreadableEvent(Door.REST_API, reason), false);
    }

    private static ProxyEvent version1(Map<String, Object> event, Map<String, Object> context) {
        String resource = Json.text(event, "resource");
        String path = Json.text(event, "path");
        // The resource is the route as API Gateway matched it, free of any custom-domain base path; it is one of
        // ours unless a catch-all ({proxy+}) matched, and then only the path says where the client meant to go.
        String route = Route.ours(resource) ? resource : path != null ? path : resource;
        Map<String, String> attributes = new HashMap<>();
        Map<String, Object> authorizer = Json.object(Json.at(context, "authorizer"));
        if (authorizer != null) {
            // Cognito user pool authorizers put the token's claims under "claims"; Lambda authorizers put their
            // context entries (and principalId) at the top level. Claims win over a same-named context entry.
            putScalars(attributes, Json.object(authorizer.get("claims")));
            putScalars(attributes, authorizer);
        }
        Map<String, Object> identity = Json.object(Json.at(context, "identity"));
        for (String field : IDENTITY_FIELDS) {
            putIfPresent(attributes, field, Json.text(identity, field));
        }
        Door door = Json.text(event, "version") != null ? Door.HTTP_API : Door.REST_API;
        String stage = Json.text(context, "stage");
        String domain = Json.text(context, "domainName");
        return new ProxyEvent(HttpRequest.from(door).method(method(Json.text(event, "httpMethod"))).path(route)
                .headers(headers(event)).body(Json.text(event, "body"), isTrue(event.get("isBase64Encoded")))
                .caller(Caller.of(attributes)).apiRequestId(Json.text(context, "requestId"))
                .query(query(event, false))
                .origin(origin(domain, domain != null && domain.contains(".execute-api.") ? stage : null)).build(),
                false);
    }

    private static ProxyEvent version2(Map<String, Object> event, Map<String, Object> context) {
        String domain = Json.text(context, "domainName");
        Door door = domain != null && domain.contains(".lambda-url.") ? Door.FUNCTION_URL : Door.HTTP_API;
        String route = Json.text(event, "rawPath");
        if (route == null) {
            route = Json.text(context, "http", "path");
        }
        String stage = Json.text(context, "stage");
        if (route != null && stage != null && !stage.equals("$default")
                && (route.equals("/" + stage) || route.startsWith("/" + stage + "/"))) {
            route = route.substring(stage.length() + 1);
        }
        String routeKey = Json.text(event, "routeKey");
        Matcher keyed = ROUTE_KEY.matcher(routeKey == null ? "" : routeKey);
        if (keyed.matches() && Route.ours(keyed.group(1))) {
            route = keyed.group(1);
        }
        Map<String, String> attributes = new HashMap<>();
        putScalars(attributes, Json.object(Json.at(context, "authorizer", "jwt", "claims")));
        putScalars(attributes, Json.object(Json.at(context, "authorizer", "lambda")));
        Map<String, Object> iam = Json.object(Json.at(context, "authorizer", "iam"));
        putIfPresent(attributes, "userArn", Json.text(iam, "userArn"));
        putIfPresent(attributes, "user", Json.text(iam, "userId"));
        putIfPresent(attributes, "caller", Json.text(iam, "callerId"));
        putIfPresent(attributes, "accountId", Json.text(iam, "accountId"));
        putIfPresent(attributes, "cognitoIdentityId", Json.text(iam, "cognitoIdentity", "identityId"));
        return new ProxyEvent(HttpRequest.from(door).method(method(Json.text(context, "http", "method"))).path(route)
                .headers(headers(event)).body(Json.text(event, "body"), isTrue(event.get("isBase64Encoded")))
                .caller(Caller.of(attributes)).apiRequestId(Json.text(context, "requestId"))
                .query(query(event, false))
                .origin(origin(domain, stage != null && !stage.equals("$default") ? stage : null)).build(), false);
    }

    private static ProxyEvent loadBalancer(Map<String, Object> event) {
        // A load balancer hands the query over as the client sent it, percent-encoding and all.
        return new ProxyEvent(HttpRequest.from(Door.LOAD_BALANCER).method(method(Json.text(event, "httpMethod")))
                .path(Json.text(event, "path")).headers(headers(event))
                .body(Json.text(event, "body"), isTrue(event.get("isBase64Encoded"))).query(query(event, true))
                .build(),
                event.get("multiValueHeaders") instanceof Map<?, ?>);
    }

    /** Writes {@code response} as this event's door expects it. */
    void write(Response response, OutputStream out) throws IOException {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("statusCode", response.status());
        if (incoming.door() == Door.LOAD_BALANCER) {
            answer.put("statusDescription", response.status() + " " + reasonPhrase(response.status()));
        }
        if (multiValueHeaders) {
            Map<String, Object> lists = new LinkedHashMap<>();
            response.headers().forEach((name, value) -> lists.put(name, List.of(value)));
            answer.put("multiValueHeaders", lists);
        } else {
            answer.put("headers", response.headers());
        }
        if (response.body() != null) {
            answer.put("body", response.body());
        }
        answer.put("isBase64Encoded", false);
        Json.write(answer, out);
    }

    /**
     * The query's parameters, the first value of each: {@code queryStringParameters} (API Gateway decodes them; a
     * load balancer does not, hence {@code encoded}), else the first of {@code multiValueQueryStringParameters}.
     */
    private static Map<String, String> query(Map<String, Object> event, boolean encoded) {
        Map<String, String> query = new HashMap<>();
        Map<String, Object> single = Json.object(event.get("queryStringParameters"));
        if (single != null) {
            single.forEach((name, value) -> {
                if (value instanceof String text) {
                    query.putIfAbsent(decoded(name, encoded), decoded(text, encoded));
                }
            });
        }
        Map<String, Object> multi = Json.object(event.get("multiValueQueryStringParameters"));
        if (multi != null) {
            multi.forEach((name, values) -> {
                if (values instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof String first) {
                    query.putIfAbsent(decoded(name, encoded), decoded(first, encoded));
                }
            });
        }
        return query;
    }

    private static String decoded(String text, boolean encoded) {
        try {
            return encoded ? java.net.URLDecoder.decode(text, java.nio.charset.StandardCharsets.UTF_8) : text;
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    /** https://DOMAIN[/STAGE]: where this API's routes live, as a browser or a bot platform reaches them. */
    private static String origin(String domain, String stage) {
        if (domain == null || !domain.matches("[A-Za-z0-9.-]+(:[0-9]+)?")) {
            return null;
        }
        return "https://" + domain + (stage == null || !stage.matches("[A-Za-z0-9_-]+") ? "" : "/" + stage);
    }

    private static String method(String method) {
        return method == null ? "" : method.toUpperCase(Locale.ROOT);
    }

    /**
     * Header names are case-insensitive: lower-cased here, as 2.0 events already are. A name in both maps keeps
     * its single value; from a list the first value is taken.
     */
    private static Map<String, String> headers(Map<String, Object> event) {
        Map<String, String> headers = new HashMap<>();
        Map<String, Object> single = Json.object(event.get("headers"));
        if (single != null) {
            single.forEach((name, value) -> {
                if (value instanceof String text) {
                    headers.putIfAbsent(name.toLowerCase(Locale.ROOT), text);
                }
            });
        }
        Map<String, Object> multi = Json.object(event.get("multiValueHeaders"));
        if (multi != null) {
            multi.forEach((name, values) -> {
                if (values instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof String first) {
                    headers.putIfAbsent(name.toLowerCase(Locale.ROOT), first);
                }
            });
        }
        return headers;
    }

    /** Strings, numbers and booleans; nested maps and lists are not claims we match on. Present names win. */
    private static void putScalars(Map<String, String> attributes, Map<String, Object> values) {
        if (values == null) {
            return;
        }
        values.forEach((name, value) -> {
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                attributes.putIfAbsent(name, String.valueOf(value));
            }
        });
    }

    private static void putIfPresent(Map<String, String> attributes, String name, String value) {
        if (value != null && !value.isBlank()) {
            attributes.putIfAbsent(name, value);
        }
    }

    private static boolean isTrue(Object flag) {
        return Boolean.TRUE.equals(flag) || "true".equals(flag);
    }

    private static String reasonPhrase(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Payload Too Large";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
