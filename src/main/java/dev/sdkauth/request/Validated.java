package dev.sdkauth.request;

import java.util.List;
import java.util.Map;

/** The outcome of checking a body against a contract: coerced values by property name, or the errors. */
public record Validated(Map<String, Object> values, List<ValidationError> errors) {

    public boolean ok() {
        return errors.isEmpty();
    }

    public boolean has(String property) {
        return values.containsKey(property);
    }

    public Object get(String property) {
        return values.get(property);
    }

    public String text(String property) {
        return (String) values.get(property);
    }

    public long integer(String property, long fallback) {
        Object value = values.get(property);
        return value == null ? fallback : (Long) value;
    }
}
