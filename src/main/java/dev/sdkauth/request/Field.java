package dev.sdkauth.request;

import java.util.List;
import java.util.Map;

/** One row of a contract table: a property, whether it must be present, how it is read and what must hold of it. */
public record Field<T>(String name, boolean required, Coercion<T> type, List<Rule<T>> rules) {

    @SafeVarargs
    public static <T> Field<T> required(String name, Coercion<T> type, Rule<T>... rules) {
        return new Field<>(name, true, type, List.of(rules));
    }

    @SafeVarargs
    public static <T> Field<T> optional(String name, Coercion<T> type, Rule<T>... rules) {
        return new Field<>(name, false, type, List.of(rules));
    }

    /**
     * Checks this field of {@code body}: answers the coerced value, or null when the field is absent or broke a
     * rule (then the reason is added to {@code errors}). A present JSON null is a value, and an invalid one.
     */
    T check(Map<String, Object> body, List<ValidationError> errors) {
        Object raw = body.get(name);
        if (raw == null) {
            if (required) {
                errors.add(new ValidationError(name, name + " is required"));
            }
            return null;
        }
        Judgement<T> judgement = judge(raw);
        if (judgement.violation() != null) {
            errors.add(new ValidationError(name, name + " " + judgement.violation()));
        }
        return judgement.value();
    }

    /**
     * Reads one present JSON value as this field's type and applies its rules. Public so that whatever judges a
     * value outside a request body (the token doctor, reading claims) applies exactly the issuing rules.
     */
    public Judgement<T> judge(Object raw) {
        T value;
        try {
            value = type.read(raw);
        } catch (Invalid invalid) {
            return new Judgement<>(null, invalid.getMessage());
        }
        for (Rule<T> rule : rules) {
            String violation = rule.violation(value);
            if (violation != null) {
                return new Judgement<>(null, violation);
            }
        }
        return new Judgement<>(value, null);
    }

    /**
     * The outcome of {@link #judge}: the coerced value, or why there is none, as the end of a sentence that starts
     * with the value's name ("must be 0 or 1, got 2").
     */
    public record Judgement<T>(T value, String violation) {
    }
}
