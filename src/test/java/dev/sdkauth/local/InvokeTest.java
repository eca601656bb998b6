package dev.sdkauth.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sdkauth.Environment;
import dev.sdkauth.testing.Jwt;
import dev.sdkauth.testing.Proxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InvokeTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Environment env, InputStream in, String... args) throws Exception {
        return Main.run(args, in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, new CountDownLatch(0));
    }

    @Test
    void invokePrintsTheProxyResponseAsJson() throws Exception {
        String secret = "invoke-test-secret-0123456789abcdefghijk";
        Environment env = Environment.of(Map.of("ZOOM_VIDEO_SDK_KEY", "K", "ZOOM_VIDEO_SDK_SECRET", secret));
        assertEquals(0, run(env, InputStream.nullInputStream(), "invoke", "events/video-sdk.json"));
        JsonNode response = Proxy.json(out.toString(StandardCharsets.UTF_8));
        assertEquals(200, response.get("statusCode").intValue());
        assertEquals("application/json", response.get("headers").get("Content-Type").textValue());
        assertEquals(false, response.get("isBase64Encoded").booleanValue());
        Jwt.verify(Proxy.json(response.get("body").textValue()).get("signature").textValue(), secret);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Meeting SDK"), "the development fallback is announced");
    }

    @Test
    void invokeReadsStandardInputForDash() throws Exception {
        byte[] event = Files.readAllBytes(Path.of("events/invalid-request.json"));
        assertEquals(0, run(Environment.of(Map.of()), new ByteArrayInputStream(event), "invoke", "-"));
        assertEquals(400, Proxy.json(out.toString(StandardCharsets.UTF_8)).get("statusCode").intValue());
    }

    @Test
    void unreadableEventFilesAndBadArgumentsFailWithAMessage() throws Exception {
        assertEquals(1, run(Environment.of(Map.of()), InputStream.nullInputStream(), "invoke", "events/none.json"));
        assertEquals("invoke: cannot read the event file events/none.json: there is no such file; give the path of an"
                + " event JSON file, such as events/video-sdk.json, or - to read the event from standard input",
                err.toString(StandardCharsets.UTF_8).strip(), "one line, and nothing before it");
        assertEquals(2, run(Environment.of(Map.of()), InputStream.nullInputStream()));
        assertEquals(2, run(Environment.of(Map.of()), InputStream.nullInputStream(), "serve", "--port"));
        assertEquals(2, run(Environment.of(Map.of()), InputStream.nullInputStream(), "serve", "--port", "99999"));
        assertEquals(2, run(Environment.of(Map.of()), InputStream.nullInputStream(), "deploy"));
        assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing but a response ever goes to standard output");
    }

    /** invoke hands the file's bytes to the handler as Lambda does, whatever door the event is from. */
    @ParameterizedTest
    @MethodSource("dev.sdkauth.testing.Events#files")
    void invokeAnswersEveryEventFileInItsDoorsShape(Path file) throws Exception {
        String secret = "invoke-test-secret-0123456789abcdefghijk";
        Environment env = Environment.of(Map.of("ZOOM_VIDEO_SDK_KEY", "K", "ZOOM_VIDEO_SDK_SECRET", secret,
                "ZOOM_MEETING_SDK_KEY", "M", "ZOOM_MEETING_SDK_SECRET", secret));
        assertEquals(0, run(env, InputStream.nullInputStream(), "invoke", file.toString()));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(1, printed.lines().count(), "one JSON answer on one line: " + printed);
        JsonNode response = Proxy.json(printed);
        int status = response.get("statusCode").intValue();
        assertTrue(status == 200 || status == 400, printed);
        assertEquals(file.getFileName().toString().startsWith("alb-"), response.has("statusDescription"), printed);
    }
}
