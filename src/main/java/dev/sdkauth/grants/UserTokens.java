package dev.sdkauth.grants;

import dev.sdkauth.Json;
import dev.sdkauth.request.Reason;
import dev.sdkauth.request.Rejection;
import dev.sdkauth.request.ValidationError;
import dev.sdkauth.zoom.UserOAuth;
import dev.sdkauth.zoom.ZoomException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The five routes of users' grants, which authenticate their callers themselves: {@code GET /oauth/authorize}
 * (starts the flow), {@code GET /oauth/callback} (the single-use state), {@code GET /obf} and {@code GET /zak}
 * (the callback secret, for bot platforms), {@code POST /zoom/events} (Zoom's webhook signature).
 */
public final class UserTokens {
    /** Zoom's rule for webhooks: a request timestamp further than this from now is refused. */
    static final Duration WEBHOOK_SKEW = Duration.ofMinutes(5);

    /** What these routes need, each read when a request needs it (the secrets rotate through the credential store). */
    public record Sources(Supplier<Grants> grants, Supplier<UserOAuth> oauth, Supplier<String> callbackSecret,
                          Supplier<String> webhookSecret, String publicUrl, String successUrl) {
    }

    private final Sources sources;
    private final Clock clock;

    public UserTokens(Sources sources, Clock clock) {
        this.sources = sources;
        this.clock = clock;
    }

    /** The redirect to Zoom's consent page, with a new single-use state and its PKCE challenge. */
    public Reply authorize(String origin) throws Rejection {
        String redirectUri = redirectUri(origin);
        String[] state = sources.grants().get().newState();
        return Reply.redirect(sources.oauth().get().authorizeUrl(redirectUri, state[0], challenge(state[1])).toString());
    }

    /** The user is back from Zoom: the code exchanged with the state's verifier, the grant stored. */
    public Reply callback(Map<String, String> query, String origin) throws Rejection {
        String state = query.get("state");
        String code = query.get("code");
        if (query.get("error") != null) {
            throw new Rejection(400, Reason.INVALID_STATE, "Zoom did not authorize the app: the user declined"
                    + " or the app is not set up for it; start again at /oauth/authorize");
        }
        String verifier = state == null || code == null ? null : sources.grants().get().consumeState(state);
        if (verifier == null) {
            throw new Rejection(400, Reason.INVALID_STATE, List.of(new ValidationError("state", "the authorization"
                    + " link is unknown, used or older than 10 minutes: start again at /oauth/authorize")));
        }
        UserOAuth oauth = sources.oauth().get();
        UserOAuth.User user;
        try {
            UserOAuth.Tokens tokens = oauth.exchange(code, verifier, redirectUri(origin));
            user = oauth.me(tokens.accessToken());
            sources.grants().get().store(user, tokens);
        } catch (ZoomException refused) {
            throw zoomRefused(refused, "exchanging the code");
        }
        if (sources.successUrl() != null) {
            return Reply.redirect(sources.successUrl());
        }
        return Reply.html("<!doctype html><meta charset=utf-8><title>Connected</title><p>Connected as "
                + escape(user.email() != null ? user.email() : user.id()) + ". You can close this page.");
    }

    /** An OBF token minted now with the user's grant; {@code meeting} or {@code meeting_number} narrows it. */
    public Reply obf(Map<String, String> query, Map<String, String> headers) throws Rejection {
        String meeting = query.get("meeting") != null ? query.get("meeting") : query.get("meeting_number");
        if (meeting != null && !meeting.matches("[0-9]{1,20}")) {
            throw new Rejection(400, Reason.INVALID_REQUEST, List.of(new ValidationError("meeting",
                    "meeting must be a meeting number of 1-20 digits")));
        }
        return minted(query, headers, "obfToken", (oauth, accessToken) -> oauth.obf(accessToken, meeting));
    }

    /** The user's own ZAK through their grant. */
    public Reply zak(Map<String, String> query, Map<String, String> headers) throws Rejection {
        return minted(query, headers, "zak", UserOAuth::zak);
    }

    /** Zoom's webhooks: the signature checked, URL validation answered, a deauthorized user's grant removed. */
    public Reply event(String body, Map<String, String> headers) throws Rejection {
        String secret = sources.webhookSecret().get();
        String timestamp = headers.get("x-zm-request-timestamp");
        String signature = headers.get("x-zm-signature");
        long now = clock.instant().getEpochSecond();
        boolean fresh = timestamp != null && timestamp.matches("[0-9]{1,12}")
                && Math.abs(now - Long.parseLong(timestamp)) <= WEBHOOK_SKEW.toSeconds();
        String expected = "v0=" + hmacHex(secret, "v0:" + timestamp + ":" + (body == null ? "" : body));
        if (!fresh || signature == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8))) {
            throw new Rejection(401, Reason.UNAUTHORIZED, "The event is not signed by Zoom with this app's secret"
                    + " token, or its timestamp is more than 5 minutes off");
        }
        Map<String, Object> event;
        try {
            event = Json.object(Json.read(body));
        } catch (java.io.IOException | RuntimeException notJson) {
            event = null;
        }
        if (event == null) {
            throw new Rejection(400, Reason.MALFORMED_BODY, "The event is not a JSON object");
        }
        String type = Json.text(event, "event");
        if ("endpoint.url_validation".equals(type)) {
            String plain = Json.text(event, "payload", "plainToken");
            if (plain == null) {
                throw new Rejection(400, Reason.INVALID_REQUEST, "endpoint.url_validation without payload.plainToken");
            }
            return Reply.json(Json.write(Map.of("plainToken", plain, "encryptedToken", hmacHex(secret, plain))));
        }
        if ("app_deauthorized".equals(type)) {
            String user = Json.text(event, "payload", "user_id");
            if (user != null) {
                sources.grants().get().remove(user);
            }
        }
        return Reply.json("{}");
    }

    @FunctionalInterface
    private interface Mint {
        String with(UserOAuth oauth, String accessToken) throws ZoomException;
    }

    private Reply minted(Map<String, String> query, Map<String, String> headers, String jsonName, Mint mint)
            throws Rejection {
        String given = query.get("secret") != null ? query.get("secret") : headers.get("x-callback-secret");
        byte[] expected = sources.callbackSecret().get().getBytes(StandardCharsets.UTF_8);
        if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            throw new Rejection(401, Reason.UNAUTHORIZED, "The callback secret is missing or wrong: pass it as the"
                    + " secret query parameter or an X-Callback-Secret header");
        }
        String user = query.get("user");
        if (user == null || user.isBlank() || user.length() > 128) {
            throw new Rejection(400, Reason.INVALID_REQUEST, List.of(new ValidationError("user",
                    "user must be a Zoom user ID or e-mail of 1-128 characters")));
        }
        Grants grants = sources.grants().get();
        String token;
        try {
            String id = grants.userId(user);
            if (id == null) {
                throw new NoGrant("no grant for this user");
            }
            token = mint.with(sources.oauth().get(), grants.accessToken(id));
        } catch (NoGrant none) {
            throw new Rejection(404, Reason.NO_GRANT, List.of(new ValidationError("user", "this user has not"
                    + " authorized the app (or removed it): they must authorize it at /oauth/authorize")));
        } catch (ZoomException refused) {
            throw zoomRefused(refused, "minting a token with the user's grant");
        }
        String accept = headers.get("accept");
        if (accept != null && accept.contains("application/json")) {
            return Reply.json(Json.write(Map.of(jsonName, token)));
        }
        return Reply.text(token);
    }

    private static Rejection zoomRefused(ZoomException refused, String doing) {
        if (refused.kind() == ZoomException.Kind.USER_NOT_FOUND) {
            return new Rejection(404, Reason.NO_GRANT, List.of(new ValidationError("user", "Zoom no longer takes"
                    + " this user's grant: they must authorize the app again at /oauth/authorize")));
        }
        if (refused.kind() == ZoomException.Kind.UNAVAILABLE) {
            return new Rejection(503, Reason.ZOOM_UNAVAILABLE, List.of(new ValidationError(null,
                    refused.getMessage())), refused.retryAfterSeconds() == null ? Map.of()
                    : Map.of("Retry-After", String.valueOf(refused.retryAfterSeconds())));
        }
        return new Rejection(503, Reason.MISCONFIGURED, "Zoom refused " + doing + ": " + refused.getMessage());
    }

    private String redirectUri(String origin) throws Rejection {
        String base = sources.publicUrl() != null ? sources.publicUrl() : origin;
        if (base == null) {
            throw new Rejection(503, Reason.MISCONFIGURED, "The endpoint's public URL is unknown for this door: set"
                    + " PUBLIC_URL (template parameter PublicUrl)");
        }
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/oauth/callback";
    }

    private static String challenge(String verifier) {
        try {
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest
                    .getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    private static String hmacHex(String key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("every JDK has HmacSHA256", impossible);
        }
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
