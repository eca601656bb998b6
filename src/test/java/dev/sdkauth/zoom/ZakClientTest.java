package dev.sdkauth.zoom;

import dev.sdkauth.Environment;
import dev.sdkauth.credentials.S2sCredentials;
import dev.sdkauth.testing.Assertions;
import dev.sdkauth.testing.MutableClock;
import dev.sdkauth.testing.SelfSignedTls;
import dev.sdkauth.testing.ZoomStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Server-to-Server token and the ZAK call, over real sockets, against a Zoom stand-in that checks the protocol. */
class ZakClientTest {
    private final ZoomStandIn zoom = ZoomStandIn.http().user("uid-alice", "alice@example.com");
    private final MutableClock clock = new MutableClock(Instant.now());
    private final List<String> messages = new ArrayList<>();
    private S2sCredentials credentials = new S2sCredentials(ZoomStandIn.ACCOUNT_ID, ZoomStandIn.CLIENT_ID,
            ZoomStandIn.CLIENT_SECRET);

    @AfterEach
    void protocolKeptAndNothingLeaked() {
        zoom.close();
        assertEquals(List.of(), zoom.problems());
        for (String message : messages) {
            Assertions.assertNoSecret("an error message", message, ZoomStandIn.CLIENT_SECRET, "standin-access-token");
        }
    }

    private ZakClient client(ZoomStandIn at) throws ZoomException {
        ZoomHosts hosts = ZoomHosts.from(Environment.of(Map.of("ZOOM_OAUTH_URL", at.url(), "ZOOM_API_URL", at.url())));
        return new ZakClient(new S2sTokens(() -> credentials, hosts, clock), hosts);
    }

    private ZoomException refused(ZakClient client, String user) {
        ZoomException refused = assertThrows(ZoomException.class, () -> client.zak(user));
        messages.add(refused.getMessage());
        return refused;
    }

    @Test
    void oneGrantServesManyZaksUntilAFewMinutesBeforeItExpires() throws Exception {
        ZakClient client = client(zoom);
        for (int i = 0; i < 5; i++) {
            assertEquals("uid-alice", ZoomStandIn.uidOf(client.zak("uid-alice")));
        }
        assertEquals(1, zoom.grants());
        clock.advance(Duration.ofSeconds(3599).minus(S2sTokens.RENEW_BEFORE_EXPIRY).minusSeconds(1));
        client.zak("uid-alice");
        assertEquals(1, zoom.grants(), "still valid");
        clock.advance(Duration.ofSeconds(2));
        client.zak("uid-alice");
        assertEquals(2, zoom.grants(), "renewed before Zoom's expiry");
    }

    @Test
    void concurrentFirstRequestsWaitForOneGrant() throws Exception {
        ZakClient client = client(zoom);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Callable<String>> asks = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                asks.add(() -> client.zak("alice@example.com"));
            }
            for (Future<String> zak : pool.invokeAll(asks)) {
                assertEquals("uid-alice", ZoomStandIn.uidOf(zak.get()));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, zoom.grants(), "single-flight");
        assertEquals(24, zoom.zakCalls());
    }

    @Test
    void anInvalidatedAccessTokenIsReplacedOnceAndTheCallRetried() throws Exception {
        ZakClient client = client(zoom);
        client.zak("uid-alice");
        zoom.revokeAccessTokens();
        assertEquals("uid-alice", ZoomStandIn.uidOf(client.zak("uid-alice")));
        assertEquals(2, zoom.grants());
        assertEquals(3, zoom.zakCalls());
    }

    @Test
    void aTokenRefusedEvenWhenFreshIsTheAppsProblemNotALoop() throws Exception {
        ZakClient client = client(zoom);
        zoom.next(new ZoomStandIn.Scripted("/v2/users/", 401, "{\"code\":124,\"message\":\"Invalid access token.\"}",
                Map.of(), 0));
        zoom.next(new ZoomStandIn.Scripted("/v2/users/", 401, "{\"code\":124,\"message\":\"Invalid access token.\"}",
                Map.of(), 0));
        assertEquals(ZoomException.Kind.MISCONFIGURED, refused(client, "uid-alice").kind());
        assertEquals(2, zoom.zakCalls(), "one retry, no more");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nobody@example.com", "uid-nobody", "a/b?c", "with space"})
    void anUnknownUserIsUserNotFound(String user) throws Exception {
        assertEquals(ZoomException.Kind.USER_NOT_FOUND, refused(client(zoom), user).kind());
    }

    @Test
    void eMailsAreFoundWithoutRegardToCase() throws Exception {
        assertEquals("uid-alice", ZoomStandIn.uidOf(client(zoom).zak("Alice@Example.COM")));
    }

    @Test
    void aMissingScopeIsMisconfiguredAndSaysWhichScope() throws Exception {
        zoom.withoutZakScope();
        ZoomException refused = refused(client(zoom), "uid-alice");
        assertEquals(ZoomException.Kind.MISCONFIGURED, refused.kind());
        assertTrue(refused.getMessage().contains("4700") && refused.getMessage().contains("user:read:token:admin"),
                refused.getMessage());
    }

    @Test
    void aRefusedGrantIsMisconfigured() throws Exception {
        credentials = new S2sCredentials(ZoomStandIn.ACCOUNT_ID, ZoomStandIn.CLIENT_ID, "a-wrong-secret-of-the-app");
        ZoomException refused = refused(client(zoom), "uid-alice");
        assertEquals(ZoomException.Kind.MISCONFIGURED, refused.kind());
        assertTrue(refused.getMessage().contains("invalid_client"), refused.getMessage());
        Assertions.assertNoSecret("the message", refused.getMessage(), "a-wrong-secret-of-the-app");
        credentials = new S2sCredentials("another-account", ZoomStandIn.CLIENT_ID, ZoomStandIn.CLIENT_SECRET);
        assertEquals(ZoomException.Kind.MISCONFIGURED, refused(client(zoom), "uid-alice").kind());
    }

    @Test
    void aRotatedSecretGetsANewGrant() throws Exception {
        ZakClient client = client(zoom);
        client.zak("uid-alice");
        credentials = new S2sCredentials(ZoomStandIn.ACCOUNT_ID, ZoomStandIn.CLIENT_ID, ZoomStandIn.CLIENT_SECRET);
        client.zak("uid-alice");
        assertEquals(1, zoom.grants(), "equal credentials keep the token");
        credentials = new S2sCredentials(ZoomStandIn.ACCOUNT_ID, ZoomStandIn.CLIENT_ID, "rotated-secret-0123456789");
        assertEquals(ZoomException.Kind.MISCONFIGURED, refused(client, "uid-alice").kind(),
                "the stand-in only knows the old secret, so the new one must have been sent");
    }

    @Test
    void throttlingIsUnavailableWithZoomsRetryAfter() throws Exception {
        ZakClient client = client(zoom);
        zoom.next(new ZoomStandIn.Scripted("/v2/users/", 429, "{\"code\":429,\"message\":\"Too many requests\"}",
                Map.of("Retry-After", "7"), 0));
        ZoomException refused = refused(client, "uid-alice");
        assertEquals(ZoomException.Kind.UNAVAILABLE, refused.kind());
        assertEquals(7L, refused.retryAfterSeconds());
        assertEquals("uid-alice", ZoomStandIn.uidOf(client.zak("uid-alice")), "the next call works");
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503})
    void serverErrorsAreUnavailable(int status) throws Exception {
        zoom.next(new ZoomStandIn.Scripted("/oauth/token", status, "<html>down</html>", Map.of(), 0));
        ZoomException refused = refused(client(zoom), "uid-alice");
        assertEquals(ZoomException.Kind.UNAVAILABLE, refused.kind());
        assertNull(refused.retryAfterSeconds());
    }

    /** A Zoom that does not answer is given up on within the read timeout, far inside API Gateway's 29 s. */
    @Test
    void aSlowZoomIsUnavailableWithinSeconds() throws Exception {
        zoom.next(new ZoomStandIn.Scripted("/v2/users/", 200, "{\"token\":\"late\"}", Map.of(),
                ZoomCall.READ_TIMEOUT_MILLIS + 2_000));
        long started = System.nanoTime();
        assertEquals(ZoomException.Kind.UNAVAILABLE, refused(client(zoom), "uid-alice").kind());
        long took = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertTrue(took < ZakClient.BUDGET.toMillis(), "gave up after " + took + " ms");
    }

    @Test
    void overHttpsToo() throws Exception {
        try (ZoomStandIn secure = ZoomStandIn.https(SelfSignedTls.get().serverContext()).user("uid-bob", "bob@example.com");
             AutoCloseable trusted = SelfSignedTls.get().trustedByHttpsUrlConnection()) {
            assertEquals("uid-bob", ZoomStandIn.uidOf(client(secure).zak("bob@example.com")));
            assertEquals(List.of(), secure.problems());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://zoom.us", "not a url", "https://", "https://zoom.us?x=1"})
    void hostsThatAreNotHttpUrlsAreMisconfigured(String url) {
        ZoomException refused = assertThrows(ZoomException.class,
                () -> ZoomHosts.from(Environment.of(Map.of("ZOOM_OAUTH_URL", url))));
        assertEquals(ZoomException.Kind.MISCONFIGURED, refused.kind());
        assertTrue(refused.getMessage().startsWith("ZOOM_OAUTH_URL"), refused.getMessage());
    }
}
