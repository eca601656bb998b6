package dev.sdkauth.request;

import java.util.List;
import java.util.Map;

/**
 * A request refused before any token is signed: the HTTP status, why (the {@code reason} of the request's log line
 * and metric), the errors to answer with, and any header the answer needs (such as a 405's {@code Allow}).
 */
public final class Rejection extends Exception {
    private final int status;
    private final Reason reason;
    private final transient List<ValidationError> errors;
    private final transient Map<String, String> headers;

    public Rejection(int status, Reason reason, List<ValidationError> errors, Map<String, String> headers) {
        super("HTTP " + status + " " + reason.label(), null, false, false);
        this.status = status;
        this.reason = reason;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    public Rejection(int status, Reason reason, List<ValidationError> errors) {
        this(status, reason, errors, Map.of());
    }

    public Rejection(int status, Reason reason, String sentence) {
        this(status, reason, List.of(new ValidationError(null, sentence)));
    }

    public int status() {
        return status;
    }

    public Reason reason() {
        return reason;
    }

    public List<ValidationError> errors() {
        return errors;
    }

    /** Headers the answer carries besides the usual ones. */
    public Map<String, String> headers() {
        return headers;
    }
}
