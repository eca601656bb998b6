package dev.sdkauth.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sdkauth.Environment;
import dev.sdkauth.Mode;
import dev.sdkauth.handler.TokenHandler;
import dev.sdkauth.testing.Jwt;
import dev.sdkauth.testing.Proxy;
import dev.sdkauth.testing.RecordingLogger;
import dev.sdkauth.testing.SelfSignedTls;
import dev.sdkauth.testing.SsmStandIn;
import dev.sdkauth.testing.ZoomStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.aggregator.AggregateWith;
import org.junit.jupiter.params.aggregator.ArgumentsAccessor;
import org.junit.jupiter.params.aggregator.ArgumentsAggregator;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged target/function.jar as users run it, in its own JVM: what shading could break (service files,
 * the SLF4J binding, the main class) shows up here and nowhere else. Runs in the integration-test phase.
 */
class PackagedJarIT {
    private static final String SECRET = "jar-test-secret-0123456789abcdefghijklmn";
    private SsmStandIn ssm;

    @BeforeEach
    void start() {
        ssm = SsmStandIn.http();
        ssm.put("/zoom/video-sdk/key", "String", "JAR_KEY").put("/zoom/video-sdk/secret", "SecureString", SECRET);
    }

    @AfterEach
    void stop() {
        ssm.close();
        assertEquals(List.of(), ssm.problems());
    }

    private record Outcome(int exit, String stdout, String stderr) {
    }

    private static Outcome invoke(String event, Map<String, String> env, String... jvmFlags) throws Exception {
        return run(env, List.of(jvmFlags), "invoke", event);
    }

    /** {@code java [jvmFlags] -jar target/function.jar args...} with exactly {@code env} as its environment. */
    private static Outcome run(Map<String, String> env, List<String> jvmFlags, String... args) throws Exception {
        Path out = Files.createTempFile("jar", ".out");
        Path err = Files.createTempFile("jar", ".err");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmFlags);
        command.addAll(List.of("-jar", "target/function.jar"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", args) + " finished");
        return new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Outcome run(Map<String, String> env, String... args) throws Exception {
        return run(env, List.of(), args);
    }

    /** A failure as the command line must say it: one line on standard error, nothing on standard output. */
    private static void assertOneLineFailure(Outcome outcome, int exit, String said) {
        assertEquals(exit, outcome.exit(), outcome.stderr());
        assertEquals("", outcome.stdout());
        List<String> lines = outcome.stderr().lines().toList();
        assertEquals(1, lines.size(), "one line, no stack trace: " + outcome.stderr());
        assertTrue(lines.get(0).contains(said), lines.get(0));
        assertTrue(!lines.get(0).contains("Exception"), lines.get(0));
    }

    private static String signature(Outcome outcome) throws Exception {
        assertEquals(0, outcome.exit(), outcome.stderr());
        JsonNode response = Proxy.json(outcome.stdout());
        assertEquals(200, response.get("statusCode").intValue(), outcome.stdout());
        return Proxy.json(response.get("body").textValue()).get("signature").textValue();
    }

    @Test
    void signsWithCredentialsFetchedFromSsmAndSaysNothingElse() throws Exception {
        Map<String, String> env = new HashMap<>(ssm.environment());
        env.putAll(Map.of("ZOOM_VIDEO_SDK_KEY_PARAMETER", "/zoom/video-sdk/key",
                "ZOOM_VIDEO_SDK_SECRET_PARAMETER", "/zoom/video-sdk/secret",
                "ZOOM_MEETING_SDK_KEY", "M", "ZOOM_MEETING_SDK_SECRET", SECRET));
        Outcome outcome = invoke("events/video-sdk.json", env);
        String token = signature(outcome);
        Jwt.verify(token, SECRET);
        assertEquals("JAR_KEY", Jwt.payload(token).get("app_key").textValue());
        assertEquals(1, ssm.count());
        assertOnlyTheRequestLine(outcome);
    }

    /**
     * Cold start: a Video SDK request, with a Server-to-Server app configured for ZAKs and users' grants on, loads
     * nothing of the Zoom client or the grants; the class loading log of the JVM itself says which were loaded.
     */
    @Test
    void aVideoSdkRequestLoadsNothingOfTheZoomClient() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("ZOOM_VIDEO_SDK_KEY", "K", "ZOOM_VIDEO_SDK_SECRET",
                SECRET, "ZOOM_S2S_ACCOUNT_ID", "a", "ZOOM_S2S_CLIENT_ID", "c", "ZOOM_S2S_CLIENT_SECRET", "s",
                "ZAK_USERS", "*", "GRANTS_TABLE", "grants"));
        env.putAll(Map.of("GRANTS_KEY", "k", "CALLBACK_SECRET", "c", "ZOOM_WEBHOOK_SECRET_TOKEN", "w"));
        Outcome outcome = invoke("events/video-sdk.json", env, "-Xlog:class+load=info:file=target/video-classes.log");
        Jwt.verify(signature(outcome), SECRET);
        String loaded = java.nio.file.Files.readString(java.nio.file.Path.of("target/video-classes.log"));
        assertTrue(loaded.contains("dev.sdkauth.token.TokenService"), "the log lists our classes");
        assertFalse(loaded.contains("dev.sdkauth.zoom."), "a Zoom class was loaded for a Video SDK request");
        assertFalse(loaded.contains("dev.sdkauth.grants."), "a grants class was loaded for a Video SDK request");
        assertFalse(loaded.contains("dev.sdkauth.aws.DynamoDb"), "the DynamoDB client was loaded for a Video SDK request");
    }

    /** Over HTTPS, as to the real SSM: the JDK's TLS, trusting the stand-in's certificate through the usual property. */
    @Test
    void fetchesOverHttpsFromAnSsmItsJvmTrusts() throws Exception {
        SelfSignedTls tls = SelfSignedTls.get();
        try (SsmStandIn secure = SsmStandIn.https(tls.serverContext())) {
            secure.put("/zoom/video-sdk/key", "String", "TLS_KEY").put("/zoom/video-sdk/secret", "SecureString", SECRET);
            Map<String, String> env = new HashMap<>(secure.environment());
            env.putAll(Map.of("ZOOM_VIDEO_SDK_KEY_PARAMETER", "/zoom/video-sdk/key",
                    "ZOOM_VIDEO_SDK_SECRET_PARAMETER", "/zoom/video-sdk/secret",
                    "ZOOM_MEETING_SDK_KEY", "M", "ZOOM_MEETING_SDK_SECRET", SECRET));
            Outcome outcome = invoke("events/video-sdk.json", env,
                    "-Djavax.net.ssl.trustStore=" + tls.keyStore(),
                    "-Djavax.net.ssl.trustStorePassword=" + SelfSignedTls.PASSWORD);
            String token = signature(outcome);
            Jwt.verify(token, SECRET);
            assertEquals("TLS_KEY", Jwt.payload(token).get("app_key").textValue());
            assertEquals(1, secure.count());
            assertEquals(List.of(), secure.problems());
            assertOnlyTheRequestLine(outcome);
        }
    }

    /** Standard error holds the request's one JSON log line and nothing else: no SLF4J noise, no warnings. */
    private static void assertOnlyTheRequestLine(Outcome outcome) {
        List<String> lines = outcome.stderr().lines().toList();
        assertEquals(1, lines.size(), outcome.stderr());
        assertEquals("issued", Proxy.json(lines.get(0)).get("outcome").textValue());
        assertTrue(!outcome.stderr().contains(SECRET), "no secret in the log");
    }

    @Test
    void signsMeetingTokensWithDirectCredentials() throws Exception {
        Outcome outcome = invoke("events/meeting-sdk.json", Map.of(
                "ZOOM_VIDEO_SDK_KEY", "V", "ZOOM_VIDEO_SDK_SECRET", SECRET,
                "ZOOM_MEETING_SDK_KEY", "MEETING_KEY", "ZOOM_MEETING_SDK_SECRET", SECRET));
        Jwt.verify(signature(outcome), SECRET);
        assertOnlyTheRequestLine(outcome);
        assertEquals(0, ssm.count());
    }

    @Test
    void withNothingConfiguredItSaysSoAndUsesDevelopmentCredentials() throws Exception {
        Outcome outcome = invoke("events/video-sdk.json", Map.of());
        signature(outcome);
        assertTrue(outcome.stderr().contains("DEVELOPMENT"), outcome.stderr());
        assertEquals(List.of(), outcome.stderr().lines().filter(line -> line.contains("SLF4J")).toList());
    }

    /** doctor from the packaged jar: reads the token, checks it with the secret named, answers JSON and exit 0. */
    @Test
    void doctorChecksATokenFromTheJar() throws Exception {
        Map<String, Object> claims = new java.util.LinkedHashMap<>();
        long now = java.time.Instant.now().getEpochSecond();
        claims.put("app_key", "K");
        claims.put("role_type", 1L);
        claims.put("tpc", "Cool Cars");
        claims.put("version", 1L);
        claims.put("iat", now - 30);
        claims.put("exp", now - 30 + 7200);
        String token = dev.sdkauth.testing.HandMadeJwt.sign(claims, SECRET);
        Outcome outcome = run(Map.of("THE_SECRET", SECRET), "doctor", token, "--secret-env", "THE_SECRET", "--json");
        assertEquals(0, outcome.exit(), outcome.stderr());
        JsonNode report = Proxy.json(outcome.stdout());
        assertEquals("valid", report.get("signature").textValue());
        assertEquals(0, report.get("findings").size());
        assertTrue(!(outcome.stdout() + outcome.stderr()).contains(SECRET), "the secret is never printed");
    }

    /** doctor from the jar on a ZAK from the Zoom stand-in: what and whose it is, unverified, exit 0 while valid. */
    @Test
    void doctorDescribesAZakFromTheJar() throws Exception {
        try (ZoomStandIn zoom = ZoomStandIn.http().user("uid-alice", "alice@example.com")) {
            String zak = DoctorCommandTest.standInZak(zoom);
            Outcome outcome = run(Map.of(), "doctor", zak);
            assertEquals(0, outcome.exit(), outcome.stdout() + outcome.stderr());
            assertTrue(outcome.stdout().startsWith("Kind: ZAK (Zoom Access Key) of a Zoom user (zak)"),
                    outcome.stdout());
            assertTrue(outcome.stdout().contains("start and join meetings as user uid-alice, valid until "),
                    outcome.stdout());
            assertTrue(outcome.stdout().contains("Signature: not-checked"), outcome.stdout());
            assertEquals("", outcome.stderr());
            dev.sdkauth.testing.Assertions.assertNoSecret("the jar's output", outcome.stdout(), zak);
        }
    }

    /** check --zak-user from the jar against an endpoint whose ZAKs come from the Zoom stand-in. */
    @Test
    void checkFromTheJarSaysTheZakCameBackAndUntilWhen() throws Exception {
        Map<String, String> credentials = Map.of("ZOOM_VIDEO_SDK_KEY", "JAR_KEY", "ZOOM_VIDEO_SDK_SECRET", SECRET,
                "ZOOM_MEETING_SDK_KEY", "JAR_MEETING_KEY", "ZOOM_MEETING_SDK_SECRET", SECRET);
        try (ZoomStandIn zoom = ZoomStandIn.http().user("uid-alice", "alice@example.com")) {
            Map<String, String> env = new HashMap<>(credentials);
            env.putAll(zoom.environment());
            env.putAll(Map.of("ZAK_USERS", "*", "ANONYMOUS_HOST_TOKENS", "true"));
            TokenHandler handler = new TokenHandler(Environment.of(env), Mode.DEPLOYED, Clock.systemUTC(),
                    new RecordingLogger());
            try (LocalServer server = LocalServer.start(handler, "127.0.0.1", 0)) {
                Outcome outcome = run(credentials, "check", "http://127.0.0.1:" + server.port() + "/", "--zak-user",
                        "alice@example.com");
                assertEquals(0, outcome.exit(), outcome.stdout() + outcome.stderr());
                assertTrue(outcome.stdout().contains("signature valid, ZAK of alice@example.com (uid uid-alice)"
                        + " valid until "), outcome.stdout());
                assertEquals("", outcome.stderr());
                String printed = outcome.stdout() + outcome.stderr();
                dev.sdkauth.testing.Assertions.assertNoSecret("the jar's output", printed, SECRET,
                        ZoomStandIn.CLIENT_SECRET, "standin-access-token",
                        dev.sdkauth.testing.HandMadeJwt.base64url("{\"typ\":\"JWT\",\"alg\":\"ES256\"}"));
                assertEquals(1, zoom.zakCalls());
                assertEquals(List.of(), zoom.problems());
            }
        }
    }

    /**
     * Every failure of the command line, from the jar as users run it: one line that names the cause and what to
     * do, the documented exit status (1 a refusal, 2 a usage mistake), never a stack trace. Each row: the
     * environment's PORT (or -), the exit status, what the line must say, then the arguments.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-|2|give a command: serve, invoke, doctor and check",
            "-|2|unknown command deploy: the commands are serve, invoke, doctor and check|deploy",
            "-|2|doctor: unknown option --bogus; it takes|doctor|eyJhbGciOiJIUzI1NiJ9.e30.c2ln|--bogus",
            "-|2|doctor: --session and --meeting exclude each other|doctor|eyJhbGciOiJIUzI1NiJ9.e30.c2ln|--session|Cool Cars|--meeting|85746065432",
            "abc|2|serve: PORT must be a port number from 0 to 65535, got \"abc\"|serve",
            "-|2|serve: --port must be a port number from 0 to 65535|serve|--port|65536",
            "-|1|serve: cannot resolve host nosuch.invalid (--host)|serve|--host|nosuch.invalid",
            "-|1|invoke: cannot read the event file events/none.json: there is no such file|invoke|events/none.json",
            "-|2|check: the URL must be http:// or https://|check|ftp://example.com/"})
    void everyFailureIsOneLineWithWhatToDo(String port, int exit, String said, @AggregateWith(Rest.class)
            String[] args) throws Exception {
        Map<String, String> env = port.equals("-") ? Map.of() : Map.of("PORT", port);
        assertOneLineFailure(run(env, args), exit, said);
    }

    /** The arguments after the first three columns of a row, as many as there are. */
    static final class Rest implements ArgumentsAggregator {
        @Override
        public Object aggregateArguments(ArgumentsAccessor row, ParameterContext context) {
            return row.toList().stream().skip(3).map(String::valueOf).toArray(String[]::new);
        }
    }

    @Test
    void aPortInUseIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertOneLineFailure(run(Map.of(), "serve", "--port", String.valueOf(port)), 1,
                    "serve: port " + port + " on 127.0.0.1 is in use: stop what listens there, or choose another"
                            + " port with --port N (or PORT)");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help", "serve --help", "invoke --help", "doctor --help", "check -h",
            "doctor eyJhbGciOiJIUzI1NiJ9.e30.c2ln --help"})
    void helpPrintsTheUsageAndExitsZero(String line) throws Exception {
        String[] args = line.split(" ");
        Outcome outcome = run(Map.of(), args);
        assertEquals(0, outcome.exit(), outcome.stderr());
        assertEquals("", outcome.stderr());
        assertTrue(outcome.stdout().startsWith("usage: java -jar function.jar "
                + (args[0].startsWith("-") || args[0].equals("help") ? "serve" : args[0])), outcome.stdout());
        if (args.length == 1) {
            assertTrue(outcome.stdout().contains("exit status: 0 all is well, 1 findings or a refusal, 2 a usage"
                    + " mistake"), outcome.stdout());
        }
    }

    /** check from the jar against the endpoint served in this JVM: HTTP client, doctor and SSM-free credentials. */
    @Test
    void checkFromTheJarPassesAnEndpointWithTheSameCredentials() throws Exception {
        Map<String, String> credentials = Map.of("ZOOM_VIDEO_SDK_KEY", "JAR_KEY", "ZOOM_VIDEO_SDK_SECRET", SECRET,
                "ZOOM_MEETING_SDK_KEY", "JAR_MEETING_KEY", "ZOOM_MEETING_SDK_SECRET", SECRET);
        TokenHandler handler = new TokenHandler(Environment.of(credentials), Mode.DEPLOYED, Clock.systemUTC(),
                new RecordingLogger());
        try (LocalServer server = LocalServer.start(handler, "127.0.0.1", 0)) {
            Outcome outcome = run(credentials, "check", "http://127.0.0.1:" + server.port() + "/", "--json");
            assertEquals(0, outcome.exit(), outcome.stdout() + outcome.stderr());
            JsonNode report = Proxy.json(outcome.stdout());
            assertTrue(report.get("passed").booleanValue(), outcome.stdout());
            assertEquals(2, report.get("probes").size());
            assertEquals("", outcome.stderr());
            assertTrue(!outcome.stdout().contains(SECRET), "the secret is never printed");
        }
    }
}
