package dev.sdkauth.request;

import dev.sdkauth.Json;
import dev.sdkauth.Text;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        if (value instanceof Long number) {
            return number;
        }
        if (value instanceof BigInteger number) {
            return wholeNumber(new BigDecimal(number), value);
        }
        if (value instanceof BigDecimal number) {
            return wholeNumber(number, value);
        }
        if (value instanceof String raw) {
            String text = raw.strip();
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
        if (!(value instanceof String text)) {
            throw new Invalid("must be a string, got " + describe(value));
        }
        return text;
    };

    /**
     * A Zoom meeting or webinar number: a string of digits, or a non-negative JSON integer. The value keeps the
     * JSON type it came in, because the Node sample passes it through to the {@code mn} claim untouched.
     */
    public static final Coercion<Object> MEETING_NUMBER = value -> {
        if (value instanceof String digits && DIGITS.matcher(digits).matches()) {
            return digits;
        }
        if (value instanceof Number) {
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
            if (value instanceof String list) {
                for (String part : list.split(",", -1)) {
                    addRegion(entries, part);
                }
            } else if (value instanceof List<?> array) {
                for (Object element : array) {
                    if (!(element instanceof String region)) {
                        throw new Invalid("must be a comma-separated string or an array of strings, got an array holding "
                                + describe(element));
                    }
                    addRegion(entries, region);
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

    private static long wholeNumber(BigDecimal number, Object original) throws Invalid {
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
    public static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value == Json.NULL) {
            return "null";
        }
        if (value instanceof Boolean bool) {
            return "a boolean (" + bool + ")";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof List<?>) {
            return "an array";
        }
        if (value instanceof String text) {
            return text.isEmpty() ? "an empty string" : "\"" + Text.clip(text, 40) + "\"";
        }
        return Text.clip(value.toString(), 40);
    }

}
