package dev.sdkauth.aws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of SSM's GetParameters (AWS JSON 1.1 protocol) and of the container credential endpoint, through
 * jackson-core's streaming reader and writer alone. Unknown properties are skipped, as AWS adds them freely.
 */
final class SsmJson {
    private static final JsonFactory JSON = new JsonFactory();

    private SsmJson() {
    }

    /** {@code {"Names":[...],"WithDecryption":true}} */
    static byte[] getParametersRequest(List<String> names) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 64 * names.size());
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeArrayFieldStart("Names");
            for (String name : names) {
                json.writeString(name);
            }
            json.writeEndArray();
            json.writeBooleanField("WithDecryption", true);
            json.writeEndObject();
        } catch (IOException inMemory) {
            throw new UncheckedIOException(inMemory);
        }
        return bytes.toByteArray();
    }

    /**
     * The {@code Parameters} of a GetParameters answer, by name. Names listed in {@code InvalidParameters} are
     * simply absent: the caller reports every missing name together.
     *
     * @throws IOException when the body is not GetParameters' JSON
     */
    static Map<String, SsmParameter> parameters(byte[] body) throws IOException {
        Map<String, SsmParameter> byName = new HashMap<>();
        try (JsonParser json = JSON.createParser(body)) {
            expect(json.nextToken(), JsonToken.START_OBJECT);
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("Parameters") && value == JsonToken.START_ARRAY) {
                    while (json.nextToken() == JsonToken.START_OBJECT) {
                        Map<String, String> parameter = strings(json);
                        String name = parameter.get("Name");
                        if (name != null && parameter.get("Value") != null) {
                            byName.put(name, new SsmParameter(name, parameter.get("Type"), parameter.get("Value")));
                        }
                    }
                } else {
                    json.skipChildren();
                }
            }
        }
        return byName;
    }

    /** An AWS JSON error: its type without namespace or suffix, and its message (either may be null). */
    record Error(String type, String message) {
    }

    /**
     * The error type as AWS JSON protocols give it: the {@code x-amzn-ErrorType} header first, else the body's
     * {@code __type} (or {@code code}); "com.amazonaws.ssm#ParameterNotFound" and "Name:http://..." both read as
     * the bare name. A body that is not JSON (a proxy's HTML page) gives a null type.
     */
    static Error error(String errorTypeHeader, byte[] body) {
        String type = bare(errorTypeHeader);
        String message = null;
        try (JsonParser json = JSON.createParser(body)) {
            if (json.nextToken() == JsonToken.START_OBJECT) {
                Map<String, String> fields = strings(json);
                if (type == null) {
                    type = bare(fields.containsKey("__type") ? fields.get("__type") : fields.get("code"));
                }
                message = fields.containsKey("message") ? fields.get("message") : fields.get("Message");
            }
        } catch (IOException notJson) {
            // the status alone then tells what happened
        }
        return new Error(type, message);
    }

    /** The container credential endpoint's answer: AccessKeyId, SecretAccessKey, Token, Expiration. */
    static Map<String, String> object(byte[] body) throws IOException {
        try (JsonParser json = JSON.createParser(body)) {
            expect(json.nextToken(), JsonToken.START_OBJECT);
            return strings(json);
        }
    }

    /** The string (and number) fields of the object the parser is in, up to its end; nested values skipped. */
    private static Map<String, String> strings(JsonParser json) throws IOException {
        Map<String, String> fields = new HashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                fields.put(field, json.getText());
            } else {
                json.skipChildren();
            }
        }
        return fields;
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + ", got " + actual);
        }
    }

    private static String bare(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        String bare = type.strip();
        int colon = bare.indexOf(':');
        if (colon >= 0) {
            bare = bare.substring(0, colon);
        }
        int hash = bare.lastIndexOf('#');
        return hash >= 0 ? bare.substring(hash + 1) : bare;
    }
}
