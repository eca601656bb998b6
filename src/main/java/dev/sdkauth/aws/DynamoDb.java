package dev.sdkauth.aws;

import dev.sdkauth.Environment;
import dev.sdkauth.Http;
import dev.sdkauth.Json;
import dev.sdkauth.Setting;
import dev.sdkauth.Text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The few DynamoDB calls the function makes, through DynamoDB's JSON API ({@code POST /} with
 * {@code X-Amz-Target: DynamoDB_20120810.*}), signed with SigV4 and the same credential chain as the SSM call; no
 * SDK client on the cold path. Items are maps of attribute name to String (type S) or Long (type N): all the
 * function stores. Reads are strongly consistent, because an item read right after another container's
 * conditional write must see it. Throttling and 5xx are retried (at most {@value #MAX_ATTEMPTS} attempts within
 * {@link #CALL_BUDGET}, full jitter); a failed condition is a {@link ConditionFailed}, anything else an
 * {@link AwsException} naming the table and DynamoDB's error type, never an item's values.
 */
public final class DynamoDb {
    static final int MAX_ATTEMPTS = 3;
    static final Duration CALL_BUDGET = Duration.ofSeconds(4);
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final Set<String> RETRIED = Set.of("ProvisionedThroughputExceededException",
            "ThrottlingException", "RequestLimitExceeded", "InternalServerError", "ServiceUnavailable");
    private static final String CONDITION_FAILED = "ConditionalCheckFailedException";

    private final Environment env;
    private final Clock clock;
    private final AwsCredentialChain credentials;

    public DynamoDb(Environment env, Clock clock) {
        this.env = env;
        this.clock = clock;
        this.credentials = new AwsCredentialChain(env, clock);
    }

    /** The item, or null when there is none. */
    public Map<String, Object> get(String table, Map<String, Object> key) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("TableName", table);
        request.put("Key", attributes(key));
        request.put("ConsistentRead", true);
        try {
            return item(Json.object(call("GetItem", table, request).get("Item")));
        } catch (ConditionFailed impossible) {
            throw new AwsException("DynamoDB answered GetItem on table " + table + " with a failed condition");
        }
    }

    /** Writes the item when {@code condition} (a condition expression, or null) holds. */
    public void put(String table, Map<String, Object> item, String condition, Map<String, Object> values)
            throws ConditionFailed {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("TableName", table);
        request.put("Item", attributes(item));
        conditioned(request, condition, values);
        call("PutItem", table, request);
    }

    /**
     * Updates the item when {@code condition} holds; answers the item as it is afterwards. Attribute names go
     * through {@code names} ({@code #n}: the name), so that none can clash with DynamoDB's reserved words.
     */
    public Map<String, Object> update(String table, Map<String, Object> key, String update, String condition,
                                      Map<String, Object> values, Map<String, String> names) throws ConditionFailed {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("TableName", table);
        request.put("Key", attributes(key));
        request.put("UpdateExpression", update);
        conditioned(request, condition, values);
        // DynamoDB refuses a placeholder the expressions do not use, so only the used ones are sent.
        Map<String, String> used = new LinkedHashMap<>();
        names.forEach((placeholder, name) -> {
            if (update.contains(placeholder) || condition != null && condition.contains(placeholder)) {
                used.put(placeholder, name);
            }
        });
        if (!used.isEmpty()) {
            request.put("ExpressionAttributeNames", used);
        }
        request.put("ReturnValues", "ALL_NEW");
        return item(Json.object(call("UpdateItem", table, request).get("Attributes")));
    }

    /** Deletes the item when {@code condition} holds; answers what it was (null when there was none). */
    public Map<String, Object> delete(String table, Map<String, Object> key, String condition,
                                      Map<String, Object> values) throws ConditionFailed {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("TableName", table);
        request.put("Key", attributes(key));
        conditioned(request, condition, values);
        request.put("ReturnValues", "ALL_OLD");
        return item(Json.object(call("DeleteItem", table, request).get("Attributes")));
    }

    /** The items of {@code index} whose hash key {@code attribute} is {@code value} (keys only, at most 10). */
    public List<Map<String, Object>> query(String table, String index, String attribute, Object value) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("TableName", table);
        request.put("IndexName", index);
        request.put("KeyConditionExpression", "#k = :v");
        request.put("ExpressionAttributeNames", Map.of("#k", attribute));
        request.put("ExpressionAttributeValues", attributes(Map.of(":v", value)));
        request.put("Limit", 10);
        List<Map<String, Object>> items = new ArrayList<>();
        try {
            Object found = call("Query", table, request).get("Items");
            if (found instanceof List<?> list) {
                list.forEach(entry -> items.add(item(Json.object(entry))));
            }
        } catch (ConditionFailed impossible) {
            throw new AwsException("DynamoDB answered Query on table " + table + " with a failed condition");
        }
        return items;
    }

    private static void conditioned(Map<String, Object> request, String condition, Map<String, Object> values) {
        if (condition != null) {
            request.put("ConditionExpression", condition);
        }
        if (values != null && !values.isEmpty()) {
            request.put("ExpressionAttributeValues", attributes(values));
        }
    }

    private Map<String, Object> call(String operation, String table, Map<String, Object> request)
            throws ConditionFailed {
        SsmEndpoint endpoint = SsmEndpoint.resolve(env, () -> AwsProfiles.load(env), "dynamodb", "DynamoDB",
                Setting.AWS_ENDPOINT_URL_DYNAMODB);
        byte[] body = Json.write(request).getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + CALL_BUDGET.toNanos();
        String what = operation + " on table " + table;
        for (int attempt = 1; ; attempt++) {
            AwsCredentials aws = credentials.get();
            Map<String, String> headers = SigV4Signer.sign(endpoint.uri(), Map.of("Content-Type", CONTENT_TYPE,
                    "X-Amz-Target", "DynamoDB_20120810." + operation), body, endpoint.region(), "dynamodb", aws,
                    clock.instant());
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            Http.Reply reply;
            try {
                reply = Http.exchange(endpoint.uri(), "POST", headers, body, (int) Math.min(2_000, left),
                        (int) Math.min(3_000, left));
            } catch (IOException unreachable) {
                backOff(attempt, deadline, "Could not reach DynamoDB at " + endpoint.origin() + " for " + what + ": "
                        + unreachable.getClass().getSimpleName());
                continue;
            }
            Map<String, Object> answer;
            try {
                answer = reply.body().length == 0 ? Map.of() : Json.object(Json.read(reply.body()));
            } catch (IOException | RuntimeException malformed) {
                answer = null;
            }
            if (reply.status() == 200 && answer != null) {
                return answer;
            }
            String type = answer == null ? null : Json.text(answer, "__type");
            type = type == null ? "HTTP " + reply.status() : type.substring(type.indexOf('#') + 1);
            if (type.equals(CONDITION_FAILED)) {
                throw new ConditionFailed(what);
            }
            String refused = "DynamoDB refused " + what + ": " + Text.clip(type, 80) + " (HTTP " + reply.status() + ")";
            if (RETRIED.contains(type) || reply.status() >= 500) {
                backOff(attempt, deadline, refused);
            } else {
                if (type.equals("UnrecognizedClientException") || type.equals("ExpiredTokenException")) {
                    credentials.refused(aws);
                }
                throw new AwsException(refused);
            }
        }
    }

    private static void backOff(int attempt, long deadline, String problem) {
        if (attempt >= MAX_ATTEMPTS) {
            throw new AwsException(problem + " after " + attempt + " attempts");
        }
        long delay = ThreadLocalRandom.current().nextLong((50L << (attempt - 1)) + 1);
        if (System.nanoTime() + delay * 1_000_000 >= deadline) {
            throw new AwsException(problem + " (gave up within " + CALL_BUDGET.toSeconds() + " s)");
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AwsException(problem + " (interrupted while waiting to retry)");
        }
    }

    /** Strings as S, whole numbers as N. */
    private static Map<String, Object> attributes(Map<String, Object> values) {
        Map<String, Object> typed = new LinkedHashMap<>();
        values.forEach((name, value) -> typed.put(name, value instanceof Number number
                ? Map.of("N", String.valueOf(number.longValue())) : Map.of("S", String.valueOf(value))));
        return typed;
    }

    /** An item back in plain values: S as String, N as Long; null for none. */
    private static Map<String, Object> item(Map<String, Object> typed) {
        if (typed == null) {
            return null;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        typed.forEach((name, value) -> {
            Map<String, Object> attribute = Json.object(value);
            if (attribute != null && attribute.get("S") instanceof String text) {
                values.put(name, text);
            } else if (attribute != null && attribute.get("N") instanceof String number) {
                values.put(name, Long.parseLong(number));
            }
        });
        return values;
    }
}
