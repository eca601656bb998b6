package dev.sdkauth.doctor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing wrong with a token: how bad, which claim or header field (null when it is the token as a whole), and a
 * message that says what is wrong, what Zoom does with it and how to fix it.
 */
public record Finding(Severity severity, String claim, String message) {

    public static Finding error(String claim, String message) {
        return new Finding(Severity.ERROR, claim, message);
    }

    public static Finding warning(String claim, String message) {
        return new Finding(Severity.WARNING, claim, message);
    }

    /** {@code ERROR claim: message}, as the reports for people print it. */
    public String line() {
        return severity.name() + ' ' + (claim == null ? "" : claim + ": ") + message;
    }

    /** {@code {"severity", "claim", "message"}}, as the JSON reports write it. */
    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("severity", severity.label());
        json.put("claim", claim);
        json.put("message", message);
        return json;
    }
}
