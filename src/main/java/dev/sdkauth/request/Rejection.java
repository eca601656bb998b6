package dev.sdkauth.request;

import java.util.List;

/** A request refused before any token work: the HTTP status and the errors to answer with. */
public final class Rejection extends Exception {
    private final int status;
    private final transient List<ValidationError> errors;

    public Rejection(int status, List<ValidationError> errors) {
        super("HTTP " + status, null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public Rejection(int status, String reason) {
        this(status, List.of(new ValidationError(null, reason)));
    }

    public int status() {
        return status;
    }

    public List<ValidationError> errors() {
        return errors;
    }
}
