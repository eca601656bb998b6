package dev.sdkauth;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Configuration by name, as the process environment gives it. An empty value means unset, so that
 * {@code sam local invoke --env-vars} can blank a variable the template declares. Code reads the settings in
 * {@link Setting}'s list through {@link #get(Setting)}; only a name the operator chose at run time (the doctor's
 * {@code --secret-env}) is read by {@link #named(String)}.
 */
@FunctionalInterface
public interface Environment {
    String raw(String name);

    /** The value, stripped; the setting's default when unset or blank (null when it has none). */
    default String get(Setting setting) {
        String value = named(setting.name());
        return value != null ? value : setting.defaultValue();
    }

    /** True when the variable itself holds a value, as opposed to falling back to the default. */
    default boolean isSet(Setting setting) {
        return named(setting.name()) != null;
    }

    /** A variable the operator named at run time, stripped, or null when unset or blank. */
    default String named(String name) {
        String value = raw(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * A whole number of seconds from 0 to {@code max}; when unset, the setting's default. Any other value is
     * reported to {@code warn} (by the setting's name, never its value) and the default used: these settings tune
     * behaviour, and a typo in one should not take the endpoint down.
     */
    default long seconds(Setting setting, long max, Consumer<String> warn) {
        long fallback = Long.parseLong(setting.defaultValue());
        String configured = named(setting.name());
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
        warn.accept(setting.name() + " must be a whole number of seconds from 0 to " + max + "; using " + fallback);
        return fallback;
    }

    static Environment system() {
        return System::getenv;
    }

    static Environment of(Map<String, String> values) {
        return values::get;
    }
}
