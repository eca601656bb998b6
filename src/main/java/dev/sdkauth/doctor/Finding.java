package dev.sdkauth.doctor;

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
}
