package dev.sdkauth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as plain Java values, read and written with jackson-core's streaming parser and generator alone: an object
 * is a {@code Map<String, Object>} in document order, an array a {@code List<Object>}, a string a String, an
 * integer a Long (a BigInteger beyond), a fraction or exponent an exact BigDecimal, true/false a Boolean, and JSON
 * null the {@link #NULL} marker, so that a member present as null differs from an absent one (Java null).
 *
 * <p>No databind: an ObjectMapper costs about 170 ms of a cold start and its tree model ~1.6 MB of jar, and a
 * token endpoint needs neither (docs/performance.md).
 */
public final class Json {
    /** JSON's null, as a value; {@code toString()} is "null". */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {
    }

    /**
     * One JSON value, read to the end of the input: anything after it is an error. Answers Java null for empty
     * input. Duplicate keys and nesting limits are whatever the parser's factory enforces.
     */
    public static Object read(JsonParser parser) throws IOException {
        try (parser) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            Object value = value(parser, first);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new JsonParseException(parser, "Unexpected " + trailing.asString() + " after the end of the JSON value");
            }
            return value;
        }
    }

    public static Object read(String json) throws IOException {
        return read(FACTORY.createParser(json));
    }

    public static Object read(byte[] json) throws IOException {
        return read(FACTORY.createParser(json));
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    String name = parser.currentName();
                    object.put(name, value(parser, parser.nextToken()));
                }
                yield object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(value(parser, next));
                }
                yield array;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT, LONG -> parser.getLongValue();
                default -> parser.getBigIntegerValue();
            };
            case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> NULL;
            default -> throw new JsonParseException(parser, "Unexpected " + token);
        };
    }

    /** The value as an object, or null when it is anything else. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    /** The member at {@code path} below {@code root}, or null when a step is missing or not an object. */
    public static Object at(Object root, String... path) {
        Object node = root;
        for (String name : path) {
            Map<String, Object> object = object(node);
            if (object == null) {
                return null;
            }
            node = object.get(name);
        }
        return node;
    }

    /** The string at {@code path}, or null when there is none (a number or JSON null is not a string). */
    public static String text(Object root, String... path) {
        return at(root, path) instanceof String text ? text : null;
    }

    /** Compact JSON for maps, lists and scalars. */
    public static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, value);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toString();
    }

    /** UTF-8 JSON onto {@code out}, which is left open. */
    public static void write(Object value, OutputStream out) throws IOException {
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            write(generator, value);
        }
    }

    private static void write(JsonGenerator out, Object value) throws IOException {
        if (value == null || value == NULL) {
            out.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.writeFieldName(String.valueOf(entry.getKey()));
                write(out, entry.getValue());
            }
            out.writeEndObject();
        } else if (value instanceof Iterable<?> list) {
            out.writeStartArray();
            for (Object item : list) {
                write(out, item);
            }
            out.writeEndArray();
        } else if (value instanceof String text) {
            out.writeString(text);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            out.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigInteger number) {
            out.writeNumber(number);
        } else if (value instanceof BigDecimal number) {
            out.writeNumber(number);
        } else if (value instanceof Number number) {
            out.writeNumber(number.doubleValue());
        } else if (value instanceof Boolean bool) {
            out.writeBoolean(bool);
        } else {
            out.writeString(value.toString());
        }
    }
}
