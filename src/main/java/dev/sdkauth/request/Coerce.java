package dev.sdkauth.request;

import dev.sdkauth.Text;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every way a JSON value is turned into what a rule checks lives here, so that "what counts as an integer" has
 * one answer for every property of every contract.
 */
public final class Coerce {
    /** The JSON number grammar, with an optional leading plus as people type it into forms. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,20}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** Beyond this many integer digits a number cannot be in any range we accept, so we never expand it. */
    private static final int MAX_INTEGER_DIGITS = 18;

    private Coerce() {
    }

    /**
     * A whole number, given as a JSON number or as a string holding one (surrounding spaces allowed). {@code 1.0}
     * and {@code 1e4} are whole; {@code 1.5}, {@code "1abc"}, booleans and null are not.
     */
    public static final Coercion<Long> INTEGER = value -> {
        if (value.isNumber()) {
            if (value.isDouble() && !Double.isFinite(value.doubleValue())) {
                throw new Invalid("must be an integer of reasonable size, got " + describe(value));
            }
            return wholeNumber(value.decimalValue(), value);
        }
        if (value.isTextual()) {
            String text = value.textValue().strip();
            if (!NUMBER.matcher(text).matches()) {
                throw new Invalid("must be an integer, got " + describe(value));
            }
            try {
                return wholeNumber(new BigDecimal(text), value);
            } catch (NumberFormatException exponentOutOfRange) {
                throw new Invalid("must be an integer of reasonable size, got " + describe(value));
            }
        }
        throw new Invalid("must be an integer, got " + describe(value));
    };

    /** A JSON string, taken as it is: numbers are not turned into strings. */
    public static final Coercion<String> TEXT = value -> {
        if (!value.isTextual()) {
            throw new Invalid("must be a string, got " + describe(value));
        }
        return value.textValue();
    };

    /**
     * A Zoom meeting or webinar number: a string of digits, or a non-negative JSON integer. The value keeps the
     * JSON type it came in, because the Node sample passes it through to the {@code mn} claim untouched.
     */
    public static final Coercion<Object> MEETING_NUMBER = value -> {
        if (value.isTextual() && DIGITS.matcher(value.textValue()).matches()) {
            return value.textValue();
        }
        if (value.isNumber()) {
            long number = INTEGER.read(value);
            if (number > 0) {
                return number;
            }
        }
        throw new Invalid("must be a meeting number: a string of 1 to 20 digits, got " + describe(value));
    };

    /**
     * A list of geo regions, as a comma-separated string or an array of strings. Whitespace anywhere is dropped and
     * empty entries are skipped, as the Node samples do; the result is the comma-joined list the claim carries.
     */
    public static Coercion<String> regions(List<String> allowed) {
        return value -> {
            List<String> entries = new ArrayList<>();
            if (value.isTextual()) {
                for (String part : value.textValue().split(",", -1)) {
                    addRegion(entries, part);
                }
            } else if (value.isArray()) {
                for (JsonNode element : value) {
                    if (!element.isTextual()) {
                        throw new Invalid("must be a comma-separated string or an array of strings, got an array holding "
                                + describe(element));
                    }
                    addRegion(entries, element.textValue());
                }
            } else {
                throw new Invalid("must be a comma-separated string or an array of strings, got " + describe(value));
            }
            if (entries.isEmpty()) {
                throw new Invalid("must name at least one region, one of " + String.join(", ", allowed));
            }
            List<String> unknown = entries.stream().filter(region -> !allowed.contains(region)).toList();
            if (!unknown.isEmpty()) {
                throw new Invalid("has unknown region(s) " + Text.clip(String.join(", ", unknown), 40)
                        + "; allowed (case-sensitive): " + String.join(", ", allowed));
            }
            return String.join(",", entries);
        };
    }

    private static void addRegion(List<String> entries, String raw) {
        String region = WHITESPACE.matcher(raw).replaceAll("");
        if (!region.isEmpty()) {
            entries.add(region);
        }
    }

    private static long wholeNumber(BigDecimal number, JsonNode original) throws Invalid {
        if (number.signum() == 0) {
            return 0;
        }
        BigDecimal stripped = number.stripTrailingZeros();
        if (stripped.scale() > 0) {
            throw new Invalid("must be a whole number, got " + describe(original));
        }
        // precision - scale is the count of digits before the point; checking it first keeps 1e999999999 cheap.
        if (stripped.precision() - stripped.scale() > MAX_INTEGER_DIGITS) {
            throw new Invalid("is far too large, got " + describe(original));
        }
        return stripped.longValueExact();
    }

    /** A short, safe rendering of what the client sent, for error messages. */
    static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isNull()) {
            return "null";
        }
        if (value.isBoolean()) {
            return "a boolean (" + value.booleanValue() + ")";
        }
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isTextual()) {
            return value.textValue().isEmpty() ? "an empty string" : "\"" + Text.clip(value.textValue(), 40) + "\"";
        }
        return Text.clip(value.asText(), 40);
    }

}
