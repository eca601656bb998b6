package dev.sdkauth.zoom;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A user's ZAK: {@code GET {api}/v2/users/{userId}/token?type=zak} with the Server-to-Server access token (scope
 * {@code user:read:token:admin}, classic {@code user:read:admin}). When Zoom says the access token is invalid
 * (code 124) a new one is fetched once and the call retried.
 */
public final class ZakClient {
    /** Everything one ZAK may take: a grant, the call, and one more grant and call after a 124. */
    static final Duration BUDGET = Duration.ofSeconds(8);
    private static final long INVALID_ACCESS_TOKEN = 124;
    private static final long USER_DOES_NOT_EXIST = 1001;

    private final S2sTokens tokens;
    private final URI api;

    public ZakClient(S2sTokens tokens, ZoomHosts hosts) {
        this.tokens = tokens;
        this.api = hosts.api();
    }

    /** The ZAK of {@code user} (a Zoom user ID or e-mail). */
    public String zak(String user) throws ZoomException {
        long deadline = System.nanoTime() + BUDGET.toNanos();
        // A path segment: URLEncoder's form encoding, with spaces as %20 (an e-mail's @ becomes %40, which Zoom reads).
        URI uri = api.resolve(api.getRawPath() + "/v2/users/"
                + URLEncoder.encode(user, StandardCharsets.UTF_8).replace("+", "%20") + "/token?type=zak");
        String what = "the ZAK of a user";
        for (int attempt = 1; ; attempt++) {
            String accessToken = tokens.get(deadline);
            try {
                ZoomCall.Answer answer = ZoomCall.call(what, uri, "GET", Map.of("Authorization", "Bearer "
                        + accessToken, "Accept", "application/json"), null, deadline);
                String zak = answer.text("token");
                if (zak == null || zak.isBlank()) {
                    throw new ZoomException(ZoomException.Kind.UNAVAILABLE, ZoomHosts.origin(api) + " answered " + what
                            + " without a token", null);
                }
                return zak;
            } catch (ZoomCall.Refused refused) {
                Long code = refused.refusal.code();
                if (code != null && code == INVALID_ACCESS_TOKEN && attempt == 1) {
                    tokens.invalidate(accessToken);
                    continue;
                }
                if (code != null && code == USER_DOES_NOT_EXIST) {
                    throw new ZoomException(ZoomException.Kind.USER_NOT_FOUND, ZoomHosts.origin(api)
                            + " does not know the user (Zoom code 1001)", null);
                }
                ZoomException judged = ZoomCall.judge(what, uri, refused.refusal);
                if (judged.kind() == ZoomException.Kind.MISCONFIGURED) {
                    throw new ZoomException(ZoomException.Kind.MISCONFIGURED, judged.getMessage()
                            + ": the Server-to-Server OAuth app needs the scope user:read:token:admin"
                            + " (classic: user:read:admin)", null);
                }
                throw judged;
            }
        }
    }
}
