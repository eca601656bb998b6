package dev.sdkauth.zoom;

import dev.sdkauth.credentials.S2sCredentials;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Server-to-Server OAuth access token of this container: {@code POST {oauth}/oauth/token} with
 * {@code grant_type=account_credentials&account_id=…} and HTTP Basic (client ID and secret), as Zoom documents it.
 * One token serves every request until a few minutes before its {@code expires_in}; it is fetched single-flight
 * (concurrent requests wait for one grant), and replaced when Zoom says it is no longer valid or the credentials
 * rotate. It is never logged or answered; priming never fetches one, so no snapshot holds one.
 */
public final class S2sTokens {
    /** Renew this long before Zoom's expiry, so that a token is never used in its last minutes. */
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private final Supplier<S2sCredentials> credentials;
    private final URI tokenEndpoint;
    private final Clock clock;
    private volatile Held held;

    /** A token and what it was granted for: a rotated client secret or account gets a new one. */
    private record Held(String accessToken, long renewAtMillis, S2sCredentials grantedTo) {
    }

    public S2sTokens(Supplier<S2sCredentials> credentials, ZoomHosts hosts, Clock clock) {
        this.credentials = credentials;
        this.tokenEndpoint = hosts.oauth().resolve(hosts.oauth().getRawPath() + "/oauth/token");
        this.clock = clock;
    }

    /** A valid access token, fetched if none is held. */
    String get(long deadline) throws ZoomException {
        S2sCredentials current = credentials.get();
        Held now = held;
        if (usable(now, current)) {
            return now.accessToken();
        }
        synchronized (this) {
            now = held;
            if (!usable(now, current)) {
                now = grant(current, deadline);
                held = now;
            }
            return now.accessToken();
        }
    }

    /** Zoom said this token is no longer valid (its code 124): the next {@link #get} asks for a new one. */
    synchronized void invalidate(String accessToken) {
        if (held != null && held.accessToken().equals(accessToken)) {
            held = null;
        }
    }

    private boolean usable(Held token, S2sCredentials current) {
        return token != null && token.grantedTo().equals(current) && clock.millis() < token.renewAtMillis();
    }

    private Held grant(S2sCredentials with, long deadline) throws ZoomException {
        String basic = Base64.getEncoder().encodeToString((with.clientId() + ":" + with.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        byte[] form = ("grant_type=account_credentials&account_id="
                + URLEncoder.encode(with.accountId(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        String what = "a Server-to-Server OAuth token for account " + with.accountId();
        ZoomCall.Answer answer;
        try {
            answer = ZoomCall.call(what, tokenEndpoint, "POST", Map.of("Authorization", "Basic " + basic,
                    "Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json"), form, deadline);
        } catch (ZoomCall.Refused refused) {
            ZoomException judged = ZoomCall.judge(what, tokenEndpoint, refused.refusal);
            if (judged.kind() == ZoomException.Kind.MISCONFIGURED) {
                throw new ZoomException(ZoomException.Kind.MISCONFIGURED, judged.getMessage() + ": check the"
                        + " Server-to-Server OAuth app's account ID, client ID and secret, and that the app is activated",
                        null);
            }
            throw judged;
        }
        String token = answer.text("access_token");
        Object expiresIn = answer.json().get("expires_in");
        if (token == null || token.isBlank() || !(expiresIn instanceof Number seconds)) {
            throw new ZoomException(ZoomException.Kind.UNAVAILABLE, ZoomHosts.origin(tokenEndpoint)
                    + " answered " + what + " without access_token and expires_in", null);
        }
        long lifetimeMillis = seconds.longValue() * 1000;
        // A short-lived token is renewed at half its life instead, so that it is still used at all.
        long renewAt = clock.millis() + Math.max(lifetimeMillis - RENEW_BEFORE_EXPIRY.toMillis(), lifetimeMillis / 2);
        return new Held(token, renewAt, with);
    }
}
