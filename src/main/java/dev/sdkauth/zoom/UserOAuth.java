package dev.sdkauth.zoom;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * A user's own OAuth grant with the app (authorization code with PKCE S256, as Zoom documents it): the authorize
 * URL, the code exchange, refreshing (Zoom's refresh tokens rotate: each works once), who the user is
 * ({@code GET /v2/users/me}), and the tokens minted with the user's access token: an OBF token
 * ({@code type=onbehalf}, scope {@code user:read:token}) and the user's own ZAK.
 */
public final class UserOAuth {
    /** One exchange or refresh, and the one call made with its token, within this. */
    static final Duration BUDGET = Duration.ofSeconds(8);

    private final String clientId;
    private final String clientSecret;
    private final ZoomHosts hosts;
    private final Clock clock;

    /** A user's tokens as Zoom granted them. {@link #toString()} hides both. */
    public record Tokens(String accessToken, String refreshToken, Instant accessExpiresAt) {
        @Override
        public String toString() {
            return "Tokens[accessToken=<redacted>, refreshToken=<redacted>, accessExpiresAt=" + accessExpiresAt + "]";
        }
    }

    /** Who authorized: Zoom's user ID, and the e-mail as Zoom has it (for look-ups by e-mail). */
    public record User(String id, String email) {
    }

    public UserOAuth(String clientId, String clientSecret, ZoomHosts hosts, Clock clock) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.hosts = hosts;
        this.clock = clock;
    }

    /** Where to send the user's browser to authorize the app. */
    public URI authorizeUrl(String redirectUri, String state, String codeChallenge) {
        return URI.create(base(hosts.oauth()) + "/oauth/authorize?response_type=code&client_id=" + encode(clientId)
                + "&redirect_uri=" + encode(redirectUri) + "&state=" + encode(state) + "&code_challenge="
                + encode(codeChallenge) + "&code_challenge_method=S256");
    }

    /** The code from the callback, exchanged with the PKCE verifier that belongs to its state. */
    public Tokens exchange(String code, String codeVerifier, String redirectUri) throws ZoomException {
        return grant("a user's authorization code", "grant_type=authorization_code&code=" + encode(code)
                + "&redirect_uri=" + encode(redirectUri) + "&code_verifier=" + encode(codeVerifier));
    }

    /**
     * New tokens for a refresh token, which Zoom then refuses from now on.
     *
     * @throws ZoomException MISCONFIGURED when Zoom refuses the refresh token itself (used, revoked, the app
     *                       removed): the caller decides whether another container already refreshed
     */
    public Tokens refresh(String refreshToken) throws ZoomException {
        return grant("a refreshed user token", "grant_type=refresh_token&refresh_token=" + encode(refreshToken));
    }

    public User me(String accessToken) throws ZoomException {
        ZoomCall.Answer answer = get("the authorizing user", "/v2/users/me", accessToken);
        String id = answer.text("id");
        if (id == null || id.isBlank()) {
            throw new ZoomException(ZoomException.Kind.UNAVAILABLE, ZoomHosts.origin(hosts.api())
                    + " answered /v2/users/me without an id", null);
        }
        return new User(id, answer.text("email"));
    }

    /** An OBF token for the user, for one meeting when {@code meetingId} is given. */
    public String obf(String accessToken, String meetingId) throws ZoomException {
        return token("an OBF token", "onbehalf" + (meetingId == null ? "" : "&meeting_id=" + encode(meetingId)),
                accessToken);
    }

    /** The user's own ZAK, through their grant. */
    public String zak(String accessToken) throws ZoomException {
        return token("a user's own ZAK", "zak", accessToken);
    }

    private String token(String what, String type, String accessToken) throws ZoomException {
        String token = get(what, "/v2/users/me/token?type=" + type, accessToken).text("token");
        if (token == null || token.isBlank()) {
            throw new ZoomException(ZoomException.Kind.UNAVAILABLE, ZoomHosts.origin(hosts.api()) + " answered "
                    + what + " without a token", null);
        }
        return token;
    }

    private ZoomCall.Answer get(String what, String pathAndQuery, String accessToken) throws ZoomException {
        URI uri = URI.create(base(hosts.api()) + pathAndQuery);
        try {
            return ZoomCall.call(what, uri, "GET", Map.of("Authorization", "Bearer " + accessToken,
                    "Accept", "application/json"), null, System.nanoTime() + BUDGET.toNanos());
        } catch (ZoomCall.Refused refused) {
            if (refused.refusal.code() != null && refused.refusal.code() == 124) {
                // The user's own token refused: they removed the app, or Zoom revoked the grant. Only the user
                // can mend that, by authorizing again, so it is the user's grant that is missing.
                throw new ZoomException(ZoomException.Kind.USER_NOT_FOUND, ZoomHosts.origin(uri)
                        + " no longer takes the user's access token (Zoom code 124)", null);
            }
            throw ZoomCall.judge(what, uri, refused.refusal);
        }
    }

    private Tokens grant(String what, String form) throws ZoomException {
        URI uri = URI.create(base(hosts.oauth()) + "/oauth/token");
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientSecret)
                .getBytes(StandardCharsets.UTF_8));
        ZoomCall.Answer answer;
        try {
            answer = ZoomCall.call(what, uri, "POST", Map.of("Authorization", "Basic " + basic,
                    "Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json"),
                    form.getBytes(StandardCharsets.UTF_8), System.nanoTime() + BUDGET.toNanos());
        } catch (ZoomCall.Refused refused) {
            throw ZoomCall.judge(what, uri, refused.refusal);
        }
        String access = answer.text("access_token");
        String refresh = answer.text("refresh_token");
        Object expiresIn = answer.json().get("expires_in");
        if (access == null || refresh == null || !(expiresIn instanceof Number seconds)) {
            throw new ZoomException(ZoomException.Kind.UNAVAILABLE, ZoomHosts.origin(uri) + " answered " + what
                    + " without access_token, refresh_token and expires_in", null);
        }
        return new Tokens(access, refresh, clock.instant().plusSeconds(seconds.longValue()));
    }

    private static String base(URI host) {
        return host.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
