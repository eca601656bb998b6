package dev.sdkauth.request;

/**
 * Thrown by a {@link Coercion} when a JSON value cannot be read as the type its property needs. The message is
 * a sentence for the client. No stack trace: this is an expected outcome of bad input, not a fault.
 */
public final class Invalid extends Exception {
    public Invalid(String reason) {
        super(reason, null, false, false);
    }
}
