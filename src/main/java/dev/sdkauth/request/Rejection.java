package dev.sdkauth.request;

import java.util.List;

/**
 * A request refused before any token is signed: the HTTP status, a short code saying why (the {@code reason} of
 * the request's log line and metric) and the errors to answer with.
 */
public final class Rejection extends Exception {
    private final int status;
    private final String code;
    private final transient List<ValidationError> errors;

    public Rejection(int status, String code, List<ValidationError> errors) {
        super("HTTP " + status + " " + code, null, false, false);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public Rejection(int status, String code, String reason) {
        this(status, code, List.of(new ValidationError(null, reason)));
    }

    public int status() {
        return status;
    }

    /** A fixed word such as {@code invalid_request}: never anything the client sent. */
    public String code() {
        return code;
    }

    public List<ValidationError> errors() {
        return errors;
    }
}
