package dev.sdkauth.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;

/** Proxy events as JSON files, the way {@code sam local invoke -e} reads and prints them. Local use only. */
final class ProxyEvents {
    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    APIGatewayProxyRequestEvent read(InputStream json) throws IOException {
        return mapper.readValue(json, APIGatewayProxyRequestEvent.class);
    }

    String write(APIGatewayProxyResponseEvent response) throws IOException {
        ObjectNode node = mapper.createObjectNode();
        node.put("statusCode", response.getStatusCode());
        node.set("headers", mapper.valueToTree(response.getHeaders()));
        if (response.getMultiValueHeaders() != null) {
            node.set("multiValueHeaders", mapper.valueToTree(response.getMultiValueHeaders()));
        }
        node.put("body", response.getBody());
        node.put("isBase64Encoded", Boolean.TRUE.equals(response.getIsBase64Encoded()));
        return mapper.writeValueAsString(node);
    }
}
