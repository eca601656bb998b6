package dev.sdkauth.telemetry;

import dev.sdkauth.Json;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One JSON line per request, which is both the request's structured log entry and a CloudWatch embedded metric
 * format (EMF) document: CloudWatch turns the {@code _aws} block into a count of tokens issued by route and role,
 * or of rejections by reason, with no API call and no agent.
 */
public final class RequestLog {
    public static final String DEFAULT_NAMESPACE = "ZoomSdkAuth";

    private final Consumer<String> sink;
    private final String namespace;
    private final Clock clock;

    /** @param sink where each line goes: standard output inside Lambda, which CloudWatch Logs reads as it is */
    public RequestLog(Consumer<String> sink, String namespace, Clock clock) {
        this.sink = sink;
        this.namespace = namespace == null ? DEFAULT_NAMESPACE : namespace;
        this.clock = clock;
    }

    /**
     * @param requestId    Lambda's request id (null outside Lambda)
     * @param apiRequestId API Gateway's request id, to join with its access logs (null outside API Gateway)
     */
    public void write(String requestId, String apiRequestId, RequestRecord record, int status, long latencyMicros,
                      boolean cold) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("_aws", null); // first when present; dropped with the other nulls when not
        line.put("requestId", requestId);
        line.put("apiRequestId", apiRequestId);
        line.put("route", record.route());
        line.put("dialect", record.dialect());
        line.put("role", record.role() == null ? "none" : record.role().toString());
        line.put("outcome", record.outcome());
        line.put("reason", record.reason());
        line.put("status", status);
        line.put("latencyUs", latencyMicros);
        line.put("start", cold ? "cold" : "warm");
        String metric = switch (record.outcome()) {
            case "issued" -> "TokensIssued";
            case "rejected" -> "Rejections";
            default -> null;
        };
        if (metric != null) {
            List<String> dimensions = metric.equals("TokensIssued") ? List.of("route", "role") : List.of("reason");
            line.put("_aws", Map.of(
                    "Timestamp", clock.millis(),
                    "CloudWatchMetrics", List.of(Map.of(
                            "Namespace", namespace,
                            "Dimensions", List.of(dimensions),
                            "Metrics", List.of(Map.of("Name", metric, "Unit", "Count"))))));
            line.put(metric, 1);
        }
        line.values().removeIf(value -> value == null);
        sink.accept(Json.write(line));
    }
}
