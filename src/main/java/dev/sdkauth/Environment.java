package dev.sdkauth;

import java.util.Map;
import java.util.function.Consumer;

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

    /**
     * A whole number of seconds from 0 to {@code max}; when unset, {@code fallback}. Any other value is reported to
     * {@code warn} (by the setting's name, never its value) and the fallback used: these settings tune behaviour,
     * and a typo in one should not take the endpoint down.
     */
    default long seconds(String name, long fallback, long max, Consumer<String> warn) {
        String configured = get(name);
        if (configured == null) {
            return fallback;
        }
        try {
            long seconds = Long.parseLong(configured);
            if (seconds >= 0 && seconds <= max) {
                return seconds;
            }
        } catch (NumberFormatException reportedBelow) {
            // falls through to the warning
        }
        warn.accept(name + " must be a whole number of seconds from 0 to " + max + "; using " + fallback);
        return fallback;
    }

    static Environment system() {
        return System::getenv;
    }

    static Environment of(Map<String, String> values) {
        return values::get;
    }
}
