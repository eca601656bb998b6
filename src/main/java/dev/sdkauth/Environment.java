package dev.sdkauth;

import java.util.Map;

/**
 * Configuration by name, as the process environment gives it. An empty value means unset, so that
 * {@code sam local invoke --env-vars} can blank a variable the template declares.
 */
@FunctionalInterface
public interface Environment {
    String raw(String name);

    /** The value, stripped, or null when unset or blank. */
    default String get(String name) {
        String value = raw(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    static Environment system() {
        return System::getenv;
    }

    static Environment of(Map<String, String> values) {
        return values::get;
    }
}
