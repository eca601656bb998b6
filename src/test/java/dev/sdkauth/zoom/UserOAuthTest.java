package dev.sdkauth.zoom;

import dev.sdkauth.Environment;
import dev.sdkauth.testing.Assertions;
import dev.sdkauth.testing.MutableClock;
import dev.sdkauth.testing.ZoomStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A user's own grant against the Zoom stand-in: authorize with PKCE, exchange, rotate, and the tokens it mints. */
class UserOAuthTest {
    private static final String REDIRECT = "http://127.0.0.1:9/oauth/callback";
    private static final String VERIFIER = "verifier-0123456789-0123456789-0123456789-abcdefgh";
    private final ZoomStandIn zoom = ZoomStandIn.http().user("uid-carol", "carol@example.com").consentAs("uid-carol");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T12:00:00Z"));
    private final UserOAuth oauth;

    UserOAuthTest() throws ZoomException {
        oauth = new UserOAuth(ZoomStandIn.USER_CLIENT_ID, ZoomStandIn.USER_CLIENT_SECRET, ZoomHosts.from(
                Environment.of(Map.of("ZOOM_OAUTH_URL", zoom.url(), "ZOOM_API_URL", zoom.url()))), clock);
    }

    @AfterEach
    void protocolKept() {
        zoom.close();
        assertEquals(List.of(), zoom.problems());
    }

    private static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    /** What the user's browser does: follows the authorize URL to Zoom, which sends it back with a code. */
    private String codeFor(String challenge) throws Exception {
        URI authorize = oauth.authorizeUrl(REDIRECT, "state-1", challenge);
        assertTrue(authorize.toString().contains("code_challenge_method=S256"), authorize.toString());
        HttpResponse<Void> back = HttpClient.newHttpClient().send(HttpRequest.newBuilder(authorize).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(302, back.statusCode());
        String location = back.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(REDIRECT + "?code=") && location.endsWith("&state=state-1"), location);
        return location.substring(location.indexOf("code=") + 5, location.indexOf("&state"));
    }

    @Test
    void theCodeIsExchangedWithItsVerifierAndTheUserIsKnown() throws Exception {
        UserOAuth.Tokens tokens = oauth.exchange(codeFor(challenge(VERIFIER)), VERIFIER, REDIRECT);
        assertEquals(clock.instant().plusSeconds(3599), tokens.accessExpiresAt());
        Assertions.assertNoSecret("toString", tokens.toString(), tokens.accessToken(), tokens.refreshToken());
        assertEquals(new UserOAuth.User("uid-carol", "carol@example.com"), oauth.me(tokens.accessToken()));
        assertEquals("uid-carol@85746065432", ZoomStandIn.obfUserAndMeeting(oauth.obf(tokens.accessToken(), "85746065432")));
        assertEquals("uid-carol@", ZoomStandIn.obfUserAndMeeting(oauth.obf(tokens.accessToken(), null)));
        assertEquals("uid-carol", ZoomStandIn.uidOf(oauth.zak(tokens.accessToken())));
    }

    @Test
    void aCodeWithTheWrongVerifierOrUsedTwiceIsRefused() throws Exception {
        String code = codeFor(challenge(VERIFIER));
        assertThrows(ZoomException.class, () -> oauth.exchange(code, "another-verifier-0123456789-0123456789-01", REDIRECT));
        assertThrows(ZoomException.class, () -> oauth.exchange(code, VERIFIER, REDIRECT), "a code is single use");
    }

    @Test
    void refreshTokensRotateAndWorkOnce() throws Exception {
        UserOAuth.Tokens first = oauth.exchange(codeFor(challenge(VERIFIER)), VERIFIER, REDIRECT);
        UserOAuth.Tokens second = oauth.refresh(first.refreshToken());
        assertTrue(!second.refreshToken().equals(first.refreshToken()));
        ZoomException reused = assertThrows(ZoomException.class, () -> oauth.refresh(first.refreshToken()));
        assertEquals(ZoomException.Kind.MISCONFIGURED, reused.kind());
        Assertions.assertNoSecret("the message", reused.getMessage(), first.refreshToken(), ZoomStandIn.USER_CLIENT_SECRET);
        assertEquals("uid-carol", oauth.me(oauth.refresh(second.refreshToken()).accessToken()).id());
        assertEquals(2, zoom.refreshes());
    }

    @Test
    void anExpiredAccessTokenIsRefusedByZoom() throws Exception {
        UserOAuth.Tokens tokens = oauth.exchange(codeFor(challenge(VERIFIER)), VERIFIER, REDIRECT);
        zoom.expireUserAccessTokens();
        assertThrows(ZoomException.class, () -> oauth.obf(tokens.accessToken(), "1"));
    }
}
