package dev.sdkauth.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sdkauth.Environment;
import dev.sdkauth.testing.Jwt;
import dev.sdkauth.testing.Proxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Cannot read a proxy event"));
        assertEquals(2, run(Environment.of(Map.of()), InputStream.nullInputStream()));
        assertEquals(2, run(Environment.of(Map.of()), InputStream.nullInputStream(), "serve", "--port"));
        assertEquals(2, run(Environment.of(Map.of()), InputStream.nullInputStream(), "serve", "--port", "99999"));
        assertEquals(2, run(Environment.of(Map.of()), InputStream.nullInputStream(), "deploy"));
        assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing but a response ever goes to standard output");
    }

    /** The CLI must read event files exactly as the Lambda runtime's serializer (EventLoader) does. */
    @ParameterizedTest
    @ValueSource(strings = {"video-sdk.json", "video-sdk-seed.json", "meeting-sdk.json", "meeting-sdk-native.json",
            "invalid-request.json"})
    void theCliReadsEventsLikeTheLambdaRuntime(String file) throws IOException {
        APIGatewayProxyRequestEvent expected = EventLoader.loadApiGatewayRestEvent("events/" + file);
        APIGatewayProxyRequestEvent actual;
        try (InputStream in = Files.newInputStream(Path.of("events", file))) {
            actual = new ProxyEvents().read(in);
        }
        assertEquals(expected.getHttpMethod(), actual.getHttpMethod());
        assertEquals(expected.getPath(), actual.getPath());
        assertEquals(expected.getResource(), actual.getResource());
        assertEquals(expected.getBody(), actual.getBody());
        assertEquals(expected.getHeaders(), actual.getHeaders());
        assertEquals(expected.getMultiValueHeaders(), actual.getMultiValueHeaders());
        assertEquals(expected.getIsBase64Encoded(), actual.getIsBase64Encoded());
        assertEquals(expected.getRequestContext().getRequestId(), actual.getRequestContext().getRequestId());
        assertEquals(expected.getRequestContext().getIdentity().getSourceIp(),
                actual.getRequestContext().getIdentity().getSourceIp());
    }
}
