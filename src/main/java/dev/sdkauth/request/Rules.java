package dev.sdkauth.request;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The small set of reusable rules the contracts are written in. */
public final class Rules {
    private Rules() {
    }

    public static Rule<Long> oneOf(long... allowed) {
        String listed = Arrays.stream(allowed).mapToObj(Long::toString).collect(Collectors.joining(" or "));
        return value -> Arrays.stream(allowed).anyMatch(a -> a == value) ? null : "must be " + listed + ", got " + value;
    }

    public static Rule<Long> between(long min, long max) {
        return value -> value >= min && value <= max ? null
                : "must be between " + min + " and " + max + " (inclusive), got " + value;
    }

    /** Length in UTF-16 code units, which is what JavaScript's {@code length} counts and Zoom documents. */
    public static Rule<String> length(int min, int max) {
        return value -> {
            if (value.length() < min) {
                return min == 1 ? "must not be empty" : "must be at least " + min + " characters long";
            }
            return value.length() <= max ? null
                    : "must be at most " + max + " characters long, got " + value.length();
        };
    }

    public static Rule<String> maxLength(int max) {
        return length(0, max);
    }

    /** A rule over the whole body: properties that make sense only together. */
    public static SchemaRule together(String first, String second) {
        return present -> {
            boolean hasFirst = present.contains(first);
            boolean hasSecond = present.contains(second);
            if (hasFirst == hasSecond) {
                return List.of();
            }
            String missing = hasFirst ? second : first;
            String given = hasFirst ? first : second;
            return List.of(new ValidationError(missing, missing + " is required when " + given
                    + " is given: send both " + first + " and " + second + ", or neither"));
        };
    }

    /** A check of which properties are present, for rules that span more than one property. */
    @FunctionalInterface
    public interface SchemaRule {
        List<ValidationError> violations(Set<String> presentProperties);
    }
}
