package dev.sdkauth.telemetry;

import dev.sdkauth.Setting;

import java.time.Clock;
import java.util.function.Consumer;

/**
 * One JSON line per request, which is both the request's structured log entry and a CloudWatch embedded metric
 * format (EMF) document: CloudWatch turns the {@code _aws} block into a count of tokens issued by route and role,
 * or of rejections by reason, with no API call and no agent.
 *
 * <p>The line is written with a StringBuilder rather than through a JSON tree: it is on every request's path, and
 * building a tree for it measured at a fifth of a warm token's cost. Every value is a fixed word, a number or a
 * request id, and only the ids need escaping.
 */
public final class RequestLog {

    private final Consumer<String> sink;
    private final Clock clock;
    /** The EMF directives after the timestamp: they differ only by metric, so they are built once. */
    private final String issuedDirective;
    private final String rejectedDirective;

    /** @param sink where each line goes: standard output inside Lambda, which CloudWatch Logs reads as it is */
    public RequestLog(Consumer<String> sink, String namespace, Clock clock) {
        this.sink = sink;
        this.clock = clock;
        String quotedNamespace = quoted(new StringBuilder(), namespace == null ? Setting.METRICS_NAMESPACE.defaultValue() : namespace)
                .toString();
        this.issuedDirective = directive(quotedNamespace, "[\"route\",\"role\"]", Outcome.ISSUED.metric());
        this.rejectedDirective = directive(quotedNamespace, "[\"reason\"]", Outcome.REJECTED.metric());
    }

    private static String directive(String namespace, String dimensions, String metric) {
        return ",\"CloudWatchMetrics\":[{\"Namespace\":" + namespace + ",\"Dimensions\":[" + dimensions
                + "],\"Metrics\":[{\"Name\":\"" + metric + "\",\"Unit\":\"Count\"}]}]},";
    }

    /**
     * @param requestId    Lambda's request id (null outside Lambda)
     * @param apiRequestId the front door's request id, to join with its access logs (null when it has none)
     * @param door         how the request came: {@code rest}, {@code http}, {@code url}, {@code alb}, {@code local}
     */
    public void write(String requestId, String apiRequestId, String door, RequestSummary record, long latencyMicros,
                      boolean cold) {
        StringBuilder line = new StringBuilder(400).append('{');
        String metric = record.outcome().metric();
        if (metric != null) {
            line.append("\"_aws\":{\"Timestamp\":").append(clock.millis())
                    .append(record.outcome() == Outcome.ISSUED ? issuedDirective : rejectedDirective);
        }
        field(line, "requestId", requestId);
        field(line, "apiRequestId", apiRequestId);
        field(line, "door", door);
        field(line, "route", record.route());
        field(line, "dialect", record.dialect());
        field(line, "role", record.role() == null ? "none" : record.role().toString());
        field(line, "outcome", record.outcome().label());
        field(line, "reason", record.reason() == null ? null : record.reason().label());
        line.append("\"status\":").append(record.status())
                .append(",\"latencyUs\":").append(latencyMicros)
                .append(",\"start\":\"").append(cold ? "cold" : "warm").append('"');
        if (metric != null) {
            line.append(",\"").append(metric).append("\":1");
        }
        sink.accept(line.append('}').toString());
    }

    /** A string member followed by a comma; absent values are left out. */
    private static void field(StringBuilder line, String name, String value) {
        if (value != null) {
            line.append('"').append(name).append("\":");
            quoted(line, value).append(',');
        }
    }

    private static StringBuilder quoted(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"');
    }
}
