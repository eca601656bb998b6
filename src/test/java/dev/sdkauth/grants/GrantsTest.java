package dev.sdkauth.grants;

import dev.sdkauth.Environment;
import dev.sdkauth.aws.DynamoDb;
import dev.sdkauth.testing.Assertions;
import dev.sdkauth.testing.Dynalite;
import dev.sdkauth.testing.MutableClock;
import dev.sdkauth.testing.ZoomStandIn;
import dev.sdkauth.zoom.UserOAuth;
import dev.sdkauth.zoom.ZoomException;
import dev.sdkauth.zoom.ZoomHosts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Users' grants in a real DynamoDB API (dynalite) against the Zoom stand-in, with several "containers" (stores
 * with their own lease owner) sharing the table: what a user who authorized once can count on.
 */
class GrantsTest {
    private static final Path TEMPLATE = Path.of("template.yaml");
    private static final String KEY = Base64.getEncoder().encodeToString("grants-test-key-of-32-bytes-long".getBytes());
    private static Dynalite dynalite;
    private static String table;
    private final ZoomStandIn zoom = ZoomStandIn.http().user("uid-dana", "Dana@Example.com").consentAs("uid-dana");
    private final MutableClock clock = new MutableClock(Instant.now());
    private final List<String> secretsSeen = new ArrayList<>();
    private final UserOAuth oauth;
    private final DynamoDb db;

    GrantsTest() throws ZoomException {
        oauth = new UserOAuth(ZoomStandIn.USER_CLIENT_ID, ZoomStandIn.USER_CLIENT_SECRET, ZoomHosts.from(
                Environment.of(Map.of("ZOOM_OAUTH_URL", zoom.url(), "ZOOM_API_URL", zoom.url()))), clock);
        db = new DynamoDb(Environment.of(Map.of("AWS_REGION", Dynalite.REGION, "AWS_ACCESS_KEY_ID",
                Dynalite.ACCESS_KEY_ID, "AWS_SECRET_ACCESS_KEY", Dynalite.SECRET_ACCESS_KEY,
                "AWS_ENDPOINT_URL_DYNAMODB", dynalite.url())), clock);
    }

    @BeforeAll
    static void startDynamoDb() {
        dynalite = Dynalite.start();
        table = dynalite.createTableFromTemplate(TEMPLATE);
    }

    @AfterAll
    static void stopDynamoDb() {
        dynalite.close();
    }

    @AfterEach
    void protocolKeptAndNothingReadableInTheTable() {
        zoom.close();
        assertEquals(List.of(), zoom.problems());
        String everything = dynalite.call("Scan", "{\"TableName\":\"" + table + "\"}").body().toString();
        Assertions.assertNoSecret("the table", everything, secretsSeen);
        assertFalse(everything.contains("standin-user-"), "a readable token in the table: " + everything);
    }

    private Grants container(String name) {
        return new Grants(db, table, KEY, oauth, clock, name);
    }

    /** The user authorizes at Zoom (the stand-in consents), and the code is exchanged: a grant. */
    private UserOAuth.Tokens authorize() throws Exception {
        String verifier = "verifier-for-the-grants-test-0123456789-0123456789";
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        HttpResponse<Void> back = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                oauth.authorizeUrl("http://127.0.0.1:9/cb", "s", challenge)).build(), HttpResponse.BodyHandlers.discarding());
        String location = back.headers().firstValue("Location").orElseThrow();
        UserOAuth.Tokens tokens = oauth.exchange(location.substring(location.indexOf("code=") + 5,
                location.indexOf("&state")), verifier, "http://127.0.0.1:9/cb");
        secretsSeen.add(tokens.accessToken());
        secretsSeen.add(tokens.refreshToken());
        return tokens;
    }

    /** The user authorizes, and the grant is stored through {@code grants}, as the callback does. */
    private UserOAuth.Tokens authorizeInto(Grants grants) throws Exception {
        UserOAuth.Tokens tokens = authorize();
        grants.store(oauth.me(tokens.accessToken()), tokens);
        return tokens;
    }

    @Test
    void aStoredGrantGivesItsAccessTokenAndIsFoundByIdOrEMail() throws Exception {
        Grants grants = container("c1");
        UserOAuth.Tokens tokens = authorizeInto(grants);
        assertEquals(tokens.accessToken(), grants.accessToken("uid-dana"));
        assertEquals("uid-dana", grants.userId("dana@example.COM"));
        assertEquals("uid-dana", grants.userId("uid-dana"));
        assertNull(grants.userId("nobody@example.com"));
        assertNull(grants.userId("uid-nobody"));
        assertEquals(0, zoom.refreshes());
    }

    @Test
    void anExpiredAccessTokenIsRefreshedOnceAndTheNewTokensAreStored() throws Exception {
        Grants grants = container("c1");
        UserOAuth.Tokens tokens = authorizeInto(grants);
        clock.advance(Duration.ofHours(1));
        String fresh = grants.accessToken("uid-dana");
        secretsSeen.add(fresh);
        assertFalse(fresh.equals(tokens.accessToken()));
        assertEquals("uid-dana", oauth.me(fresh).id(), "Zoom takes the refreshed token");
        assertEquals(fresh, container("c2").accessToken("uid-dana"), "another container reads the stored one");
        assertEquals(1, zoom.refreshes());
    }

    /** Many requests on several containers at once, the access token expired: one refresh, everyone served. */
    @Test
    void concurrentRequestsOnSeveralContainersAfterExpiryLoseNothing() throws Exception {
        UserOAuth.Tokens tokens = authorizeInto(container("c0"));
        clock.advance(Duration.ofHours(1));
        List<Grants> containers = List.of(container("c1"), container("c2"), container("c3"), container("c4"));
        ExecutorService pool = Executors.newFixedThreadPool(24);
        Set<String> served = new HashSet<>();
        try {
            List<Callable<String>> requests = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                Grants grants = containers.get(i % containers.size());
                requests.add(() -> oauth.obf(grants.accessToken("uid-dana"), "85746065432"));
            }
            for (Future<String> obf : pool.invokeAll(requests)) {
                assertEquals("uid-dana@85746065432", ZoomStandIn.obfUserAndMeeting(obf.get()));
                served.add(obf.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(24, served.size(), "24 requests, 24 OBF tokens of their own");
        assertTrue(zoom.refreshes() <= 2, zoom.refreshes() + " refreshes");
        assertEquals(1, zoom.refreshes(), "one container refreshed, the others waited for it");
        clock.advance(Duration.ofHours(1));
        assertEquals("uid-dana", oauth.me(containers.get(0).accessToken("uid-dana")).id(), "the grant works afterwards");
        assertEquals(2, zoom.refreshes());
    }

    /** Zoom refuses the refresh after the user authorized again meanwhile: the newer grant is used, and kept. */
    @Test
    void aRefusedRefreshAfterANewerGrantUsesTheNewerOne() throws Exception {
        Grants grants = container("c1");
        authorizeInto(grants);
        clock.advance(Duration.ofHours(1));
        UserOAuth.Tokens newer = authorize();
        zoom.next(new ZoomStandIn.Scripted("/oauth/token", 400, "{\"reason\":\"Invalid Token!\",\"error\":\"invalid_grant\"}",
                Map.of(), 300));
        Thread storing = new Thread(() -> container("c2").store(new UserOAuth.User("uid-dana", "dana@example.com"), newer));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> token = pool.submit(() -> grants.accessToken("uid-dana"));
            dev.sdkauth.testing.Await.until("the refresh to be asked for", () -> zoom.calls().stream()
                    .filter("POST /oauth/token"::equals).count() >= 3);
            storing.start();
            storing.join();
            assertEquals(newer.accessToken(), token.get());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(newer.accessToken(), container("c3").accessToken("uid-dana"), "the newer grant stays");
    }

    @Test
    void aGrantZoomNoLongerRefreshesIsNoGrantAndIsNotOverwritten() throws Exception {
        Grants grants = container("c1");
        authorizeInto(grants);
        zoom.removeApp("uid-dana");
        clock.advance(Duration.ofHours(1));
        assertThrows(NoGrant.class, () -> grants.accessToken("uid-dana"));
        assertThrows(NoGrant.class, () -> container("c2").accessToken("uid-dana"), "the lease was released");
    }

    @Test
    void aRemovedGrantIsGoneAndRemovingItAgainIsNoError() throws Exception {
        Grants grants = container("c1");
        authorizeInto(grants);
        grants.remove("uid-dana");
        grants.remove("uid-dana");
        assertThrows(NoGrant.class, () -> grants.accessToken("uid-dana"));
        assertNull(grants.userId("dana@example.com"));
    }

    @Test
    void aStateWorksOnceOnAnyContainerAndNotAfterTenMinutes() {
        String[] started = container("c1").newState();
        assertEquals(started[1], container("c2").consumeState(started[0]), "another container finishes the flow");
        assertNull(container("c1").consumeState(started[0]), "a replayed state");
        assertNull(container("c1").consumeState("a-state-nobody-made"));
        String[] late = container("c1").newState();
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertNull(container("c2").consumeState(late[0]), "an expired state");
        secretsSeen.add(started[1]);
        secretsSeen.add(late[1]);
    }

    @Test
    void twoContainersRacingForOneStateGetItOnce() throws Exception {
        String[] started = container("c1").newState();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> racers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String name = "r" + i;
                racers.add(() -> container(name).consumeState(started[0]));
            }
            int won = 0;
            for (Future<String> verifier : pool.invokeAll(racers)) {
                if (verifier.get() != null) {
                    assertEquals(started[1], verifier.get());
                    won++;
                }
            }
            assertEquals(1, won);
        } finally {
            pool.shutdownNow();
        }
    }
}
