package dev.sdkauth.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Builds proxy events and reads proxy responses. */
public final class Proxy {
    private static final ObjectMapper MAPPER = new ObjectMapper();

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
