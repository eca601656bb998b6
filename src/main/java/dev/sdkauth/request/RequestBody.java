package dev.sdkauth.request;

import dev.sdkauth.Json;
import dev.sdkauth.Text;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns a proxy event's body into a JSON object, refusing anything that is not one with a clear 4xx. */
public final class RequestBody {
    public static final int MAX_BYTES = 64 * 1024;
    /** Our bodies are flat; anything deeper than this is an attack or a mistake, and is refused cheaply. */
    private static final int MAX_DEPTH = 32;

    private final JsonFactory factory = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            // Duplicate keys are refused: two readers of one body must never disagree about what it asked for.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** An empty or missing body reads as {@code {}}, so that its missing required properties get named. */
    public Map<String, Object> parse(String body, boolean base64Encoded) throws Rejection {
        if (body == null || body.isBlank()) {
            return new LinkedHashMap<>();
        }
        Object tree;
        if (base64Encoded) {
            byte[] bytes = decodeBase64(body);
            if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
                return new LinkedHashMap<>();
            }
            tree = read(bytes);
        } else {
            if (utf8Length(body) > MAX_BYTES) {
                throw tooLarge();
            }
            tree = read(body);
        }
        if (tree == null) {
            return new LinkedHashMap<>();
        }
        Map<String, Object> object = Json.object(tree);
        if (object == null) {
            throw new Rejection(400, Reason.MALFORMED_BODY,
                    "Request body must be a JSON object, got " + Coerce.describe(tree));
        }
        return object;
    }

    /** The body as text, within the same size limit, decoded first when base64: for a signature over its bytes. */
    public String text(String body, boolean base64Encoded) throws Rejection {
        if (body == null) {
            return "";
        }
        if (base64Encoded) {
            return new String(decodeBase64(body), StandardCharsets.UTF_8);
        }
        if (utf8Length(body) > MAX_BYTES) {
            throw tooLarge();
        }
        return body;
    }

    private byte[] decodeBase64(String body) throws Rejection {
        // Four base64 characters carry three bytes; refuse obviously oversized input before decoding it.
        if (body.length() > (MAX_BYTES / 3 + 1) * 4 + 4) {
            throw tooLarge();
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(body.strip());
        } catch (IllegalArgumentException notBase64) {
            throw new Rejection(400, Reason.MALFORMED_BODY,
                    "Request body is marked isBase64Encoded but is not valid base64");
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge();
        }
        return bytes;
    }

    private Object read(Object source) throws Rejection {
        try {
            return Json.read(source instanceof byte[] bytes ? factory.createParser(bytes)
                    : factory.createParser((String) source));
        } catch (JsonProcessingException e) {
            throw new Rejection(400, Reason.MALFORMED_BODY,
                    "Request body is not valid JSON: " + Text.clip(e.getOriginalMessage(), 160));
        } catch (IOException | RuntimeException e) {
            // Jackson can surface number or encoding trouble as other exceptions; all of it is the client's input.
            throw new Rejection(400, Reason.MALFORMED_BODY, "Request body is not valid JSON");
        }
    }

    private static Rejection tooLarge() {
        return new Rejection(413, Reason.BODY_TOO_LARGE, "Request body is larger than " + MAX_BYTES + " bytes");
    }

    private static int utf8Length(String text) {
        if (text.length() > MAX_BYTES) {
            return text.length();
        }
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

}
