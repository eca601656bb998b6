package dev.sdkauth.adversarial;

import dev.sdkauth.testing.Assertions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sdkauth.handler.TokenHandler;
import dev.sdkauth.testing.Gen;
import dev.sdkauth.testing.Gen.Case;
import dev.sdkauth.testing.Proxy;
import dev.sdkauth.testing.RecordingLogger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile raw bodies and events through the real handler: random bytes, JSON-ish noise, every truncation of a valid
 * body, huge strings, deep nesting, duplicate keys, and whatever Jazzer makes of the seed corpus in
 * {@code src/test/resources/dev/sdkauth/adversarial/RawBodyFuzzTestInputs/} (mvn verify replays each file; see the
 * README for a fuzzing run). Each must get a JSON 4xx (or a token, if it happens to be valid), neither the answer nor
 * the log may hold the secret (unless the input sent it), and the request after it must still be served normally.
 */
class RawBodyFuzzTest {
    private static final String VALID = "{\"sessionName\":\"Cool Cars\",\"role\":1,\"expirationSeconds\":3600,"
            + "\"userIdentity\":\"u\",\"geoRegions\":[\"US\",\"DE\"],\"meetingNumber\":\"12\"}";
    /** One handler for every input, as one warm Lambda container serves request after request. */
    private static final RecordingLogger LOG = new RecordingLogger();
    private static final TokenHandler HANDLER = Handlers.handler(LOG);
    private static final RecordingLogger TWIN_LOG = new RecordingLogger();
    private static final TokenHandler TWIN = Handlers.twin(TWIN_LOG);

    private static JsonNode send(String path, String body, boolean base64) {
        APIGatewayProxyRequestEvent event = Proxy.post(path, body).withIsBase64Encoded(base64);
        Supplier<String> twin = () -> twin(handler -> Proxy.call(handler, event).getBody());
        JsonNode answer = Handlers.assertWellFormed(Proxy.call(HANDLER, event), twin);
        nextIsServed(twin);
        return answer;
    }

    /** What the twin handler answers and logs for the same input ({@link Handlers#assertNoLeak}). */
    private static String twin(Function<TokenHandler, String> call) {
        TWIN_LOG.lines.clear();
        return call.apply(TWIN) + "\n" + TWIN_LOG.all();
    }

    /**
     * Nothing logged for the hostile request holds the secret (unless it sent it), and the request after it gets
     * its token with nothing logged holding the secret at all.
     */
    private static void nextIsServed(Supplier<String> twin) {
        Handlers.assertNoLeak("log", LOG.all(), twin);
        LOG.lines.clear();
        APIGatewayProxyResponseEvent next = Proxy.call(HANDLER, Proxy.post("/", VALID));
        assertEquals(200, next.getStatusCode(), "the request after it is served as usual: " + next.getBody());
        Assertions.assertNoSecret("the log", LOG.all(), Handlers.SECRET);
        LOG.lines.clear();
    }

    // ---- fuzz tests: the seed corpus in mvn verify, Jazzer's mutations in a fuzzing run ------------------------

    /** The bytes as a body of both routes, as text (read as UTF-8) and base64-encoded. */
    @FuzzTest
    void rawBody(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        String base64 = Base64.getEncoder().encodeToString(body);
        for (String path : List.of("/", "/meeting")) {
            send(path, text, false);
            send(path, base64, true);
        }
    }

    /** The bytes as the whole event, whatever door it looks like: the answer is still the door's JSON. */
    @FuzzTest
    void rawEvent(byte[] event) {
        Supplier<String> twin = () -> twin(handler -> invoke(handler, event));
        Handlers.assertWellFormedEventAnswer(invoke(HANDLER, event), twin);
        nextIsServed(twin);
    }

    private static String invoke(TokenHandler handler, byte[] event) {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event), answer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    // ---- properties over seeded random input -------------------------------------------------------------------

    record Bytes(byte[] bytes, boolean meeting) {
    }

    static Stream<Case<Bytes>> randomBytes() {
        Gen<byte[]> bytes = Gen.bytes(255);
        return Gen.cases(300, (random, size) -> new Bytes(bytes.next(random, size), random.nextBoolean()));
    }

    @ParameterizedTest(name = Gen.CASE)
    @MethodSource("randomBytes")
    void randomBytesAsABase64Body(Case<Bytes> case_) {
        case_.check(input -> send(input.meeting() ? "/meeting" : "/",
                Base64.getEncoder().encodeToString(input.bytes()), true));
    }

    @ParameterizedTest(name = Gen.CASE)
    @MethodSource("randomBytes")
    void randomBytesAsAStringBody(Case<Bytes> case_) {
        case_.check(input -> send(input.meeting() ? "/meeting" : "/",
                new String(input.bytes(), StandardCharsets.ISO_8859_1), false));
    }

    record Noise(String noise, boolean meeting) {
    }

    static Stream<Case<Noise>> jsonNoise() {
        Gen<String> noise = Gen.text(0, 80, "{}[]\":,0123456789.eE+-truefalsn \\\n\tu\u0000\u00e9\ud83d\ude00");
        return Gen.cases(500, (random, size) -> new Noise(noise.next(random, size), random.nextBoolean()));
    }

    @ParameterizedTest(name = Gen.CASE)
    @MethodSource("jsonNoise")
    void jsonLookingNoise(Case<Noise> case_) {
        case_.check(input -> {
            send(input.meeting() ? "/meeting" : "/", input.noise(), false);
            send("/", "{\"sessionName\":" + input.noise() + ",\"role\":0}", false);
        });
    }

    // ---- examples ----------------------------------------------------------------------------------------------

    @Test
    void everyTruncationOfAValidBody() {
        for (int end = 0; end < VALID.length(); end++) {
            JsonNode answer = send("/", VALID.substring(0, end), false);
            if (end > 0) {
                assertTrue(answer.has("errors"), "a truncated body is refused: " + VALID.substring(0, end));
            }
        }
    }

    @Test
    void hugeStrings() {
        String justFits = "{\"sessionName\":\"" + "a".repeat(65_536 - 40) + "\",\"role\":0}";
        JsonNode tooLong = send("/", justFits, false);
        assertEquals("sessionName", tooLong.at("/errors/0/property").textValue());
        JsonNode tooLarge = send("/", "{\"sessionName\":\"" + "a".repeat(1_000_000) + "\"}", false);
        assertTrue(tooLarge.at("/errors/0/reason").textValue().contains("larger than"));
        send("/", Base64.getEncoder().encodeToString(("{\"x\":\"" + "é".repeat(40_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8)), true);
        send("/", "{\"userKey\":\"" + "\ud83d\ude00".repeat(30_000) + "\"}", false);
        send("/", "1".repeat(60_000), false);
        send("/", "{\"role\":1" + "0".repeat(60_000) + "}", false);
        send("/", "{\"role\":1e" + "9".repeat(10_000) + "}", false);
    }

    @Test
    void deepNesting() {
        send("/", "[".repeat(100_000), false);
        send("/", "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000), false);
        JsonNode refused = send("/", "{\"x\":" + "[".repeat(40) + "]".repeat(40) + ",\"sessionName\":\"s\",\"role\":0}",
                false);
        assertTrue(refused.has("errors"), "deeper than 32 is refused even in an unknown property");
        JsonNode accepted = send("/", "{\"x\":" + "[".repeat(20) + "]".repeat(20) + ",\"sessionName\":\"s\",\"role\":0}",
                false);
        assertTrue(accepted.has("signature"), "unknown properties of moderate depth are ignored");
    }

    /** Decided: a duplicate key is a 400, so no reader in front of the function can see another request. */
    @Test
    void duplicateKeysAreRefused() {
        for (String body : new String[] {"{\"role\":0,\"sessionName\":\"s\",\"role\":1}",
                "{\"sessionName\":\"a\",\"sessionName\":\"b\",\"role\":0}",
                "{\"x\":{\"y\":1,\"y\":2},\"sessionName\":\"s\",\"role\":0}"}) {
            JsonNode answer = send("/", body, false);
            assertTrue(answer.at("/errors/0/reason").textValue().contains("Duplicate"), answer.toString());
        }
    }

    @Test
    void bodiesThatAreNotObjects() {
        for (String body : new String[] {"null", "true", "0", "\"s\"", "[]", "[{\"sessionName\":\"s\",\"role\":0}]",
                "{}{}", "{\"sessionName\":\"s\",\"role\":0} x", "\ufeff{}", "{'sessionName':'s'}"}) {
            assertTrue(send("/", body, false).has("errors"), body);
        }
    }
}
