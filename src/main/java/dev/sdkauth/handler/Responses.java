package dev.sdkauth.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sdkauth.Json;
import dev.sdkauth.request.ValidationError;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Proxy responses: always JSON, never cached (they carry tokens), with the CORS headers of the request. */
final class Responses {
    APIGatewayProxyResponseEvent json(int status, JsonNode body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Cache-Control", "no-store");
        headers.putAll(extraHeaders);
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(body == null ? null : Json.write(body))
                .withIsBase64Encoded(false);
    }

    /** The one error shape: {@code {"errors": [{"property": name-or-null, "reason": sentence}, ...]}}. */
    APIGatewayProxyResponseEvent errors(int status, List<ValidationError> errors, Map<String, String> headers) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode list = body.putArray("errors");
        for (ValidationError error : errors) {
            ObjectNode entry = list.addObject();
            entry.put("property", error.property());
            entry.put("reason", error.reason());
        }
        return json(status, body, headers);
    }
}
