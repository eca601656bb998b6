package dev.sdkauth.telemetry;

/** What a request came to; the label is the {@code outcome} of its log line, the metric what CloudWatch counts. */
public enum Outcome {
    ISSUED("TokensIssued"),
    REJECTED("Rejections"),
    /** A CORS preflight: neither a token nor a refusal, so no metric. */
    PREFLIGHT(null),
    /** A step of a user's authorization or a webhook answered: no token, no refusal. */
    HANDLED(null);

    private final String metric;

    Outcome(String metric) {
        this.metric = metric;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The embedded metric this outcome counts, or null. */
    public String metric() {
        return metric;
    }
}
