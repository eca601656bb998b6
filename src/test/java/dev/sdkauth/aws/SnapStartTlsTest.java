package dev.sdkauth.aws;

import dev.sdkauth.Environment;
import dev.sdkauth.testing.ClientHelloTap;
import dev.sdkauth.testing.ContainerCredentialsStandIn;
import dev.sdkauth.testing.SelfSignedTls;
import dev.sdkauth.testing.SsmStandIn;
import dev.sdkauth.testing.SsmStandIn.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static dev.sdkauth.testing.Assertions.assertNoSecret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The AWS calls around a SnapStart snapshot, as the checkpoint hooks run them: priming against {@link LoopbackAws}
 * with its throwaway TLS, then {@link SsmParameters#prepare()}, then the first real call "after the restore"
 * (there is no snapshot here: the same process carries on). SSM is {@link SsmStandIn} over HTTPS, checking every
 * signature, behind a {@link ClientHelloTap} that sees what each TLS connection offers; the AWS credentials come
 * from the container credentials endpoint, as a SnapStart function's do. The real client's TLS ({@link ClientTls})
 * trusts the stand-in's certificate here instead of the JDK's store; nothing else differs.
 */
class SnapStartTlsTest {
    private static final List<String> NAMES = List.of("/zoom/video-sdk/key", "/zoom/video-sdk/secret");
    private static final String SECRET = "ssm-secret-value-0123456789abcdefghijklm";
    private static final String TOKEN = "container-authorization-token-value";
    private static final Map<String, String> PRIMING = Map.of("/priming/key", "priming",
            "/priming/secret", "priming-only-value");

    private SsmStandIn ssm;
    private ClientHelloTap tap;
    private ContainerCredentialsStandIn credentials;
    private ClientTls real;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void start() throws Exception {
        SelfSignedTls tls = SelfSignedTls.get();
        ssm = SsmStandIn.https(tls.serverContext());
        ssm.put(NAMES.get(0), "THE_KEY").put(NAMES.get(1), SECRET);
        tap = new ClientHelloTap(Integer.parseInt(ssm.url().substring(ssm.url().lastIndexOf(':') + 1)));
        credentials = new ContainerCredentialsStandIn(TOKEN, ssm, Clock.systemUTC());
        env.putAll(Map.of("AWS_REGION", SsmStandIn.REGION, "AWS_ENDPOINT_URL_SSM", "https://127.0.0.1:" + tap.port(),
                "AWS_CONTAINER_CREDENTIALS_FULL_URI", credentials.url(), "AWS_CONTAINER_AUTHORIZATION_TOKEN", TOKEN,
                "AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials", "AWS_CONFIG_FILE", "/nonexistent/config"));
        real = ClientTls.prepareForSnapshot();
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tls.keyStore())) {
            trusted.load(in, SelfSignedTls.PASSWORD.toCharArray());
        }
        real.trust(trusted);
    }

    @AfterEach
    void stop() {
        real.trustDefaults();
        tap.close();
        credentials.close();
        ssm.close();
        assertEquals(List.of(), ssm.problems(), "the stand-in saw requests off the protocol");
        assertEquals(List.of(), tap.problems());
    }

    private SsmParameters client() {
        return new SsmParameters(Environment.of(env));
    }

    private void readsTheParameters(SsmParameters client) {
        Map<String, SsmParameter> parameters = client.get(NAMES);
        assertEquals("THE_KEY", parameters.get(NAMES.get(0)).value());
        assertEquals(SECRET, parameters.get(NAMES.get(1)).value());
    }

    /** What the checkpoint hooks run: a few rounds of the whole call against the loopback endpoints. */
    private static void prime() throws Exception {
        try (LoopbackAws aws = LoopbackAws.start(PRIMING)) {
            Environment loopback = Environment.of(aws.environment());
            for (int round = 0; round < 3; round++) {
                assertEquals("priming", aws.client(loopback).get(List.copyOf(PRIMING.keySet()))
                        .get("/priming/key").value());
            }
            assertEquals(6, aws.answered(), "a credentials request and an SSM call in each round");
        }
    }

    @Test
    void primingContactsNothingRealAndLeavesNoConnectionOpen() throws Exception {
        Set<String> before = sockets();
        prime();
        client().prepare();
        assertEquals(0, ssm.count());
        assertEquals(0, credentials.fetches());
        assertEquals(List.of(), tap.hellos(), "no TLS connection to the real endpoint");
        Set<String> left = sockets();
        left.removeAll(before);
        assertEquals(Set.of(), left, "every socket the priming opened is closed before the snapshot");
        assertFalse(real.holdsContext(), "no TLS context of the real client goes into the snapshot");
    }

    @Test
    void theRealClientsTlsIsMadeAfterTheRestoreAndOffersNoSession() throws Exception {
        SsmParameters client = client();
        prime();
        client.prepare();
        assertFalse(real.holdsContext());
        readsTheParameters(client); // the first call after the restore
        assertTrue(real.holdsContext(), "made by the first call");
        assertEquals(1, tap.hellos().size());
        assertFalse(tap.hellos().get(0).offersSession(),
                "the first connection after the restore resumes nothing: " + tap.hellos().get(0));

        // What the tap would see if a session were offered: the same client, on a new connection, offers its own.
        tap.cut();
        readsTheParameters(client);
        assertEquals(2, tap.hellos().size());
        assertTrue(tap.hellos().get(1).offersSession(), "a kept session is offered: " + tap.hellos().get(1));
    }

    @Test
    void aCallBeforeTheSnapshotLeavesNoContextSessionConnectionOrCredentials() {
        SsmParameters client = client();
        readsTheParameters(client);
        assertTrue(real.holdsContext());
        client.prepare(); // the checkpoint
        assertFalse(real.holdsContext());
        readsTheParameters(client); // after the restore
        assertEquals(2, tap.hellos().size(), "a new connection: the one from before the snapshot was closed");
        assertFalse(tap.hellos().get(1).offersSession(), "and it resumes nothing from before the snapshot");
        assertEquals(2, credentials.fetches(), "AWS credentials fetched anew after the snapshot");
    }

    /**
     * The answers SSM's failures get after priming and a restore are the ones they get without: throttled and
     * retried, down, a missing parameter, a wrong AWS secret, a clock ten minutes off.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"throttled", "down", "missing parameter", "wrong secret", "clock skew"})
    void ssmFailuresAfterARestoreAnswerAsWithoutPriming(String failure) throws Exception {
        String unprimed = outcome(failure);
        prime();
        client().prepare();
        assertEquals(unprimed, outcome(failure));
    }

    /** One call in the given trouble, in words: the parameters read or the error, and the calls SSM saw. */
    private String outcome(String failure) {
        ssm.normal();
        Map<String, String> variables = new HashMap<>(env);
        Clock clock = Clock.systemUTC();
        switch (failure) {
            case "throttled" -> ssm.answer(Reply.error(400, "ThrottlingException", "Rate exceeded"));
            case "down" -> ssm.always(Reply.error(503, "ServiceUnavailable", "down"));
            case "missing parameter" -> {
                // asked for below, and absent from the answer
            }
            case "wrong secret" -> {
                ssm.expectAuthFailures();
                variables.putAll(Map.of("AWS_ACCESS_KEY_ID", SsmStandIn.ACCESS_KEY_ID,
                        "AWS_SECRET_ACCESS_KEY", "wrong-secret-access-key"));
            }
            case "clock skew" -> {
                ssm.expectAuthFailures();
                clock = Clock.offset(clock, Duration.ofMinutes(10));
            }
            default -> throw new IllegalArgumentException(failure);
        }
        List<String> names = failure.equals("missing parameter") ? List.of(NAMES.get(0), "/zoom/missing") : NAMES;
        int before = ssm.count();
        String outcome;
        try {
            Map<String, String> read = new TreeMap<>();
            new SsmParameters(Environment.of(variables), clock).get(names)
                    .forEach((name, parameter) -> read.put(name, parameter.value()));
            outcome = "read " + read.keySet();
        } catch (AwsException refused) {
            assertNoSecret("the error", refused.getMessage(), SECRET, "wrong-secret-access-key", TOKEN);
            outcome = refused.getMessage();
        }
        return outcome + ", " + (ssm.count() - before) + " SSM calls";
    }

    /** The sockets this process holds, by inode (Linux: /proc/self/fd). */
    private static Set<String> sockets() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds), "needs /proc");
        Set<String> sockets = new HashSet<>();
        try (Stream<Path> links = Files.list(fds)) {
            for (Path link : (Iterable<Path>) links::iterator) {
                try {
                    String target = Files.readSymbolicLink(link).toString();
                    if (target.startsWith("socket:")) {
                        sockets.add(target);
                    }
                } catch (IOException closedMeanwhile) {
                    // gone between the listing and the read
                }
            }
        }
        return sockets;
    }

    @Test
    void theThrowawayCertificateIsTrustedByThePrimingClientOnly() throws Exception {
        // The real client, pointed at the loopback SSM, refuses its certificate: only the priming's contexts trust it.
        try (LoopbackAws aws = LoopbackAws.start(PRIMING)) {
            Map<String, String> variables = new HashMap<>(aws.environment());
            SsmParameters realClient = new SsmParameters(Environment.of(variables));
            AwsException refused = assertThrows(AwsException.class, () -> realClient.get(List.of("/priming/key")));
            assertTrue(refused.getMessage().contains("SSL"), refused.getMessage());
            assertEquals("priming", aws.client(Environment.of(variables)).get(List.of("/priming/key"))
                    .get("/priming/key").value());
        }
    }
}
