package dev.sdkauth.doctor;

import java.util.Locale;

/** An error is a reason Zoom refuses the token; a warning is worth fixing but not, on its own, a refusal. */
public enum Severity {
    ERROR, WARNING;

    /** {@code error} or {@code warning}, as the JSON report spells it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
