package dev.sdkauth.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sdkauth.testing.Jwt;
import dev.sdkauth.testing.Proxy;
import dev.sdkauth.testing.SelfSignedTls;
import dev.sdkauth.testing.SsmStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
        Path out = Files.createTempFile("invoke", ".out");
        Path err = Files.createTempFile("invoke", ".err");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmFlags));
        command.addAll(List.of("-jar", "target/function.jar", "invoke", event));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "invoke finished");
        return new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
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
        Path out = Files.createTempFile("doctor", ".out");
        Path err = Files.createTempFile("doctor", ".err");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/function.jar", "doctor", token, "--secret-env", "THE_SECRET", "--json")
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().put("THE_SECRET", SECRET);
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "doctor finished");
        assertEquals(0, process.exitValue(), Files.readString(err));
        JsonNode report = Proxy.json(Files.readString(out));
        assertEquals("valid", report.get("signature").textValue());
        assertEquals(0, report.get("findings").size());
        assertTrue(!(Files.readString(out) + Files.readString(err)).contains(SECRET), "the secret is never printed");
    }
}
