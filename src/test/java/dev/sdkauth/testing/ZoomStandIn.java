package dev.sdkauth.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback Zoom that behaves as Zoom documents it, over HTTP or HTTPS:
 * <ul>
 *   <li>{@code POST /oauth/token} with {@code grant_type=account_credentials&account_id=…} and HTTP Basic client
 *       ID and secret: a new bearer access token each time, {@code expires_in} as set (Zoom's is 3599). A wrong
 *       client is {@code 400 {"reason":"Invalid client_id or client_secret","error":"invalid_client"}}, a wrong
 *       account {@code 400 {"reason":"Bad Request","error":"invalid_request"}}, another grant type
 *       {@code unsupported_grant_type}.</li>
 *   <li>{@code GET /v2/users/{userId}/token?type=zak} with {@code Authorization: Bearer}: {@code {"token": ZAK}},
 *       the ZAK a JWT as Zoom's are ({@code aud: clientsm}, {@code uid}, {@code exp}); an unknown or revoked access
 *       token is {@code 401 {"code":124,"message":"Invalid access token."}}; an unknown user (ID or e-mail, e-mails
 *       without regard to case) {@code 404 {"code":1001,"message":"User does not exist: …"}}; a token without the
 *       scope {@code 400 {"code":4700,…}}.</li>
 * </ul>
 * Failures can be scripted for the next calls: an HTTP status with a body and headers, or a slow answer. Every
 * request is recorded, and anything off the protocol is collected in {@link #problems()}.
 */
public final class ZoomStandIn implements AutoCloseable {
    public static final String ACCOUNT_ID = "standin-account-id";
    public static final String CLIENT_ID = "standin-client-id";
    public static final String CLIENT_SECRET = "standin-client-secret-0123456789";
    /** The OAuth app users authorize (in Zoom's general apps, the Meeting SDK app's key and secret). */
    public static final String USER_CLIENT_ID = "standin-user-client-id";
    public static final String USER_CLIENT_SECRET = "standin-user-client-secret-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Zoom mints a new OBF token per call, each single-use: no two are alike. */
    private static final AtomicInteger OBF_SERIAL = new AtomicInteger();

    private final HttpServer server;
    private final Map<String, String> users = new ConcurrentHashMap<>();
    private final Set<String> validAccessTokens = ConcurrentHashMap.newKeySet();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<Scripted> script = new CopyOnWriteArrayList<>();
    private final AtomicInteger grants = new AtomicInteger();
    private final AtomicInteger zakCalls = new AtomicInteger();
    private volatile long expiresInSeconds = 3599;
    /** Users' grants: an access token's user, a refresh token's user (used once), a code's binding. */
    private final Map<String, String> userAccessTokens = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final AtomicInteger userTokens = new AtomicInteger();
    private volatile String consentingUser;

    private record Code(String user, String redirectUri, String challenge) {
    }
    private volatile boolean withZakScope = true;

    /** A scripted answer for the next call to a path prefix: a status, a body, headers, and a delay first. */
    public record Scripted(String pathPrefix, int status, String body, Map<String, String> headers, long delayMillis) {
    }

    private ZoomStandIn(SSLContext tls) {
        this.server = LoopbackServer.start("zoom-stand-in", tls, this::handle);
    }

    public static ZoomStandIn http() {
        return new ZoomStandIn(null);
    }

    /** HTTPS on 127.0.0.1 with the given server context (see {@link SelfSignedTls}). */
    public static ZoomStandIn https(SSLContext context) {
        return new ZoomStandIn(context);
    }

    public String url() {
        return LoopbackServer.url(server);
    }

    /** The variables that point a function at this stand-in with the stand-in's S2S app, given directly. */
    public Map<String, String> environment() {
        return Map.of("ZOOM_OAUTH_URL", url(), "ZOOM_API_URL", url(), "ZOOM_S2S_ACCOUNT_ID", ACCOUNT_ID,
                "ZOOM_S2S_CLIENT_ID", CLIENT_ID, "ZOOM_S2S_CLIENT_SECRET", CLIENT_SECRET);
    }

    /** A user of the account, by ID and e-mail. */
    public ZoomStandIn user(String id, String email) {
        users.put(id, id);
        users.put(email.toLowerCase(java.util.Locale.ROOT), id);
        return this;
    }

    public ZoomStandIn expiresIn(long seconds) {
        expiresInSeconds = seconds;
        return this;
    }

    /** Access tokens granted from now on lack user:read:token:admin (Zoom answers 4700). */
    public ZoomStandIn withoutZakScope() {
        withZakScope = false;
        return this;
    }

    /** Zoom forgets every access token it granted, as after a revocation: the next use is a 124. */
    public void revokeAccessTokens() {
        validAccessTokens.clear();
    }

    public void next(Scripted answer) {
        script.add(answer);
    }

    /** The user who consents on Zoom's authorize page from now on (a user ID added with {@link #user}). */
    public ZoomStandIn consentAs(String userId) {
        consentingUser = userId;
        return this;
    }

    /** Every user access token handed out so far stops working, as when it expires (Zoom then answers 124). */
    public void expireUserAccessTokens() {
        userAccessTokens.clear();
    }

    /** The user removed the app: every grant of theirs is gone. */
    public void removeApp(String userId) {
        userAccessTokens.values().removeIf(userId::equals);
        refreshTokens.values().removeIf(userId::equals);
    }

    /** Refresh-token grants Zoom answered with new tokens. */
    public int refreshes() {
        return refreshes.get();
    }

    public int grants() {
        return grants.get();
    }

    /** Calls to the ZAK endpoint, answered or scripted. */
    public int zakCalls() {
        return zakCalls.get();
    }

    public List<String> calls() {
        return List.copyOf(calls);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** The user ID a ZAK from this stand-in was issued for (its {@code uid} claim). */
    public static String uidOf(String zak) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(zak.split("\\.")[1])).get("uid").textValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        calls.add(exchange.getRequestMethod() + " " + path);
        boolean zakCall = path.startsWith("/v2/users/") && path.endsWith("/token") && !path.equals("/v2/users/me/token");
        if (zakCall) {
            zakCalls.incrementAndGet();
        }
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            for (Scripted scripted : script) {
                if (path.startsWith(scripted.pathPrefix()) && script.remove(scripted)) {
                    sleep(scripted.delayMillis());
                    scripted.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
                    reply(exchange, scripted.status(), scripted.body());
                    return;
                }
            }
            if (path.equals("/oauth/authorize")) {
                authorize(exchange);
            } else if (path.equals("/oauth/token")) {
                token(exchange, new String(body, StandardCharsets.UTF_8));
            } else if (path.equals("/v2/users/me")) {
                me(exchange);
            } else if (path.equals("/v2/users/me/token")) {
                userTokenCall(exchange);
            } else if (zakCall) {
                zak(exchange, URLDecoder.decode(path.substring("/v2/users/".length(), path.length() - "/token".length()),
                        StandardCharsets.UTF_8));
            } else {
                problems.add("no such endpoint: " + exchange.getRequestMethod() + " " + path);
                reply(exchange, 404, "{\"code\":404,\"message\":\"Not found\"}");
            }
        } catch (RuntimeException e) {
            problems.add("stand-in failed: " + e);
            throw e;
        }
    }

    private void token(HttpExchange exchange, String form) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            problems.add("token endpoint called with " + exchange.getRequestMethod());
        }
        Map<String, String> fields = form(form);
        if (!"account_credentials".equals(fields.get("grant_type"))) {
            userToken(exchange, fields);
            return;
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        if (!basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            reply(exchange, 400, "{\"reason\":\"Invalid client_id or client_secret\",\"error\":\"invalid_client\"}");
            return;
        }
        if (!"account_credentials".equals(fields.get("grant_type"))) {
            problems.add("grant_type " + fields.get("grant_type"));
            reply(exchange, 400, "{\"reason\":\"Unsupported grant type\",\"error\":\"unsupported_grant_type\"}");
            return;
        }
        if (!ACCOUNT_ID.equals(fields.get("account_id"))) {
            reply(exchange, 400, "{\"reason\":\"Bad Request\",\"error\":\"invalid_request\"}");
            return;
        }
        String accessToken = "standin-access-token-" + grants.incrementAndGet() + (withZakScope ? "" : "-noscope");
        validAccessTokens.add(accessToken);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", accessToken);
        answer.put("token_type", "bearer");
        answer.put("expires_in", expiresInSeconds);
        answer.put("scope", withZakScope ? "user:read:token:admin" : "user:read:admin:other");
        answer.put("api_url", url());
        reply(exchange, 200, JSON.writeValueAsString(answer));
    }

    /** Zoom's consent page, consented at once by {@link #consentAs}'s user: back to redirect_uri with a code. */
    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery() == null ? ""
                : exchange.getRequestURI().getRawQuery());
        boolean ok = "code".equals(query.get("response_type")) && USER_CLIENT_ID.equals(query.get("client_id"))
                && "S256".equals(query.get("code_challenge_method")) && query.get("code_challenge") != null
                && query.get("redirect_uri") != null && query.get("state") != null && consentingUser != null;
        if (!ok) {
            problems.add("authorize without what Zoom needs: " + query.keySet() + ", consenting " + consentingUser);
            reply(exchange, 400, "{\"reason\":\"Invalid request\",\"error\":\"invalid_request\"}");
            return;
        }
        String code = "standin-code-" + java.util.UUID.randomUUID();
        codes.put(code, new Code(consentingUser, query.get("redirect_uri"), query.get("code_challenge")));
        exchange.getResponseHeaders().set("Location", query.get("redirect_uri") + "?code=" + code + "&state="
                + java.net.URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(302, -1);
    }

    /** The authorization-code exchange (with PKCE) and refreshing, with single-use rotating refresh tokens. */
    private void userToken(HttpExchange exchange, Map<String, String> fields) throws IOException {
        String basic = "Basic " + Base64.getEncoder().encodeToString((USER_CLIENT_ID + ":" + USER_CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        if (!basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            reply(exchange, 400, "{\"reason\":\"Invalid client_id or client_secret\",\"error\":\"invalid_client\"}");
            return;
        }
        String user;
        if ("authorization_code".equals(fields.get("grant_type"))) {
            Code code = fields.get("code") == null ? null : codes.remove(fields.get("code"));
            if (code == null || !code.redirectUri().equals(fields.get("redirect_uri"))
                    || !code.challenge().equals(s256(fields.get("code_verifier")))) {
                reply(exchange, 400, "{\"reason\":\"Invalid authorization code\",\"error\":\"invalid_grant\"}");
                return;
            }
            user = code.user();
        } else if ("refresh_token".equals(fields.get("grant_type"))) {
            user = fields.get("refresh_token") == null ? null : refreshTokens.remove(fields.get("refresh_token"));
            if (user == null) {
                reply(exchange, 400, "{\"reason\":\"Invalid Token!\",\"error\":\"invalid_grant\"}");
                return;
            }
            refreshes.incrementAndGet();
        } else {
            problems.add("grant_type " + fields.get("grant_type"));
            reply(exchange, 400, "{\"reason\":\"Unsupported grant type\",\"error\":\"unsupported_grant_type\"}");
            return;
        }
        int n = userTokens.incrementAndGet();
        String access = "standin-user-access-token-" + n;
        String refresh = "standin-user-refresh-token-" + n;
        userAccessTokens.put(access, user);
        refreshTokens.put(refresh, user);
        reply(exchange, 200, JSON.writeValueAsString(Map.of("access_token", access, "refresh_token", refresh,
                "token_type", "bearer", "expires_in", expiresInSeconds, "scope", "user:read:token user:read:user")));
    }

    private String userOf(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        return authorization != null && authorization.startsWith("Bearer ")
                ? userAccessTokens.get(authorization.substring("Bearer ".length())) : null;
    }

    private void me(HttpExchange exchange) throws IOException {
        String user = userOf(exchange);
        if (user == null) {
            reply(exchange, 401, "{\"code\":124,\"message\":\"Invalid access token.\"}");
            return;
        }
        String email = users.entrySet().stream().filter(entry -> entry.getKey().contains("@")
                && entry.getValue().equals(user)).map(Map.Entry::getKey).findFirst().orElse(null);
        reply(exchange, 200, JSON.writeValueAsString(Map.of("id", user, "email", email, "type", 1)));
    }

    /** {@code /v2/users/me/token?type=onbehalf[&meeting_id=M]} and {@code type=zak} with a user's own token. */
    private void userTokenCall(HttpExchange exchange) throws IOException {
        String user = userOf(exchange);
        if (user == null) {
            reply(exchange, 401, "{\"code\":124,\"message\":\"Invalid access token.\"}");
            return;
        }
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery() == null ? ""
                : exchange.getRequestURI().getRawQuery());
        if ("zak".equals(query.get("type"))) {
            reply(exchange, 200, JSON.writeValueAsString(Map.of("token", zakFor(user))));
        } else if ("onbehalf".equals(query.get("type"))) {
            reply(exchange, 200, JSON.writeValueAsString(Map.of("token", obfFor(user, query.get("meeting_id")))));
        } else {
            problems.add("users/me/token with type " + query.get("type"));
            reply(exchange, 400, "{\"code\":300,\"message\":\"Invalid type\"}");
        }
    }

    /** The user an OBF token from this stand-in is on behalf of, and its meeting ("" for none). */
    public static String obfUserAndMeeting(String obf) {
        try {
            com.fasterxml.jackson.databind.JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(obf.split("\\.")[1]));
            return claims.get("uid").textValue() + "@" + claims.path("mn").asText("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String obfFor(String uid, String meeting) throws IOException {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", "clientsm");
        claims.put("uid", uid);
        claims.put("typ", "onbehalf");
        claims.put("jti", "obf-" + OBF_SERIAL.incrementAndGet());
        if (meeting != null) {
            claims.put("mn", meeting);
        }
        claims.put("exp", System.currentTimeMillis() / 1000 + 300);
        return encoder.encodeToString("{\"typ\":\"JWT\",\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(JSON.writeValueAsBytes(claims)) + "."
                + encoder.encodeToString(("standin-obf-" + uid).getBytes(StandardCharsets.UTF_8));
    }

    private static String s256(String verifier) {
        if (verifier == null) {
            return null;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private void zak(HttpExchange exchange, String user) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        if (!"type=zak".equals(query)) {
            problems.add("token call with query " + query);
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String accessToken = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length()) : null;
        if (accessToken == null || !validAccessTokens.contains(accessToken)) {
            reply(exchange, 401, "{\"code\":124,\"message\":\"Invalid access token.\"}");
            return;
        }
        if (accessToken.endsWith("-noscope")) {
            reply(exchange, 400, "{\"code\":4700,\"message\":\"Invalid access token, does not contain scopes:"
                    + "[user:read:token:admin].\"}");
            return;
        }
        String id = users.get(user.contains("@") ? user.toLowerCase(java.util.Locale.ROOT) : user);
        if (id == null) {
            reply(exchange, 404, "{\"code\":1001,\"message\":\"User does not exist: " + user.replace("\"", "") + ".\"}");
            return;
        }
        reply(exchange, 200, JSON.writeValueAsString(Map.of("token", zakFor(id))));
    }

    /** A ZAK shaped as Zoom's: a JWT with aud clientsm, the user's uid, and two hours to live. */
    private static String zakFor(String uid) throws IOException {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", "clientsm");
        claims.put("uid", uid);
        claims.put("iss", "web");
        claims.put("sk", "0");
        claims.put("sty", 100);
        claims.put("wcd", "aw1");
        claims.put("clt", 0);
        long now = System.currentTimeMillis() / 1000;
        claims.put("exp", now + 7200);
        claims.put("iat", now);
        claims.put("cid", "");
        return encoder.encodeToString("{\"typ\":\"JWT\",\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(JSON.writeValueAsBytes(claims)) + "."
                + encoder.encodeToString(("standin-signature-" + uid).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static void sleep(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
