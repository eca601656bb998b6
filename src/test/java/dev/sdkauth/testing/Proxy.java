package dev.sdkauth.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sdkauth.handler.TokenHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds proxy events, hands them to the real handler as the JSON Lambda would send, and reads the answers back.
 * The typed event classes are a convenience for writing REST API (1.0) events in tests; the handler never sees
 * them, only their JSON.
 */
public final class Proxy {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Proxy() {
    }

    public static APIGatewayProxyRequestEvent post(String path, String body) {
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod("POST")
                .withPath(path)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(body)
                .withIsBase64Encoded(false);
    }

    /** The handler's answer to a REST API event (a null event is sent as JSON null). */
    public static APIGatewayProxyResponseEvent call(TokenHandler handler, APIGatewayProxyRequestEvent event) {
        return call(handler, event, null);
    }

    public static APIGatewayProxyResponseEvent call(TokenHandler handler, APIGatewayProxyRequestEvent event,
                                                    Context context) {
        try {
            return response(invoke(handler, MAPPER.writeValueAsString(event), context));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The handler's answer to an event file such as {@code events/video-sdk.json}, as the file holds it. */
    public static APIGatewayProxyResponseEvent callFile(TokenHandler handler, String file) {
        try {
            return response(invoke(handler, Files.readString(Path.of(file)), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The raw answer, as the handler wrote it, to any event JSON. */
    public static String invoke(TokenHandler handler, String eventJson, Context context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** An answer in the 1.0 shape (REST API, HTTP API 1.0) read into the typed class. */
    public static APIGatewayProxyResponseEvent response(String json) {
        try {
            return MAPPER.readValue(json, APIGatewayProxyResponseEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode body(APIGatewayProxyResponseEvent response) {
        return json(response.getBody());
    }
}
