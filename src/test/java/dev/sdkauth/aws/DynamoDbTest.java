package dev.sdkauth.aws;

import dev.sdkauth.Environment;
import dev.sdkauth.testing.Assertions;
import dev.sdkauth.testing.Dynalite;
import dev.sdkauth.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DynamoDB JSON client against dynalite: items both ways, conditions, and failures named without values. */
class DynamoDbTest {
    private static Dynalite dynalite;
    private static String table;

    @BeforeAll
    static void start() {
        dynalite = Dynalite.start();
        table = dynalite.createTableFromTemplate(Path.of("template.yaml"));
    }

    @AfterAll
    static void stop() {
        dynalite.close();
    }

    private static DynamoDb client(String endpoint) {
        Map<String, String> env = new HashMap<>(Map.of("AWS_REGION", Dynalite.REGION, "AWS_ACCESS_KEY_ID",
                Dynalite.ACCESS_KEY_ID, "AWS_SECRET_ACCESS_KEY", Dynalite.SECRET_ACCESS_KEY));
        env.put("AWS_ENDPOINT_URL_DYNAMODB", endpoint);
        return new DynamoDb(Environment.of(env), new MutableClock(Instant.now()));
    }

    @Test
    void itemsRoundTripAndConditionsHold() throws Exception {
        DynamoDb db = client(dynalite.url());
        db.put(table, Map.of("pk", "k1", "email", "a@example.com", "n", 41L), "attribute_not_exists(pk)", null);
        assertThrows(ConditionFailed.class,
                () -> db.put(table, Map.of("pk", "k1"), "attribute_not_exists(pk)", null), "the item exists");
        Map<String, Object> updated = db.update(table, Map.of("pk", "k1"), "SET #n = :next", "#n = :v",
                Map.of(":next", 42L, ":v", 41L), Map.of("#n", "n", "#unused", "unused"));
        assertEquals(42L, updated.get("n"));
        assertEquals("a@example.com", db.get(table, Map.of("pk", "k1")).get("email"));
        assertEquals("k1", db.query(table, "email", "email", "a@example.com").get(0).get("pk"));
        assertThrows(ConditionFailed.class, () -> db.update(table, Map.of("pk", "k1"), "SET #n = :next", "#n = :v",
                Map.of(":next", 43L, ":v", 41L), Map.of("#n", "n")), "a stale version");
        assertEquals(42L, db.delete(table, Map.of("pk", "k1"), null, null).get("n"));
        assertNull(db.get(table, Map.of("pk", "k1")));
        assertNull(db.delete(table, Map.of("pk", "k1"), null, null));
    }

    @Test
    void anUnknownTableIsNamedWithDynamoDbsErrorType() {
        AwsException refused = assertThrows(AwsException.class,
                () -> client(dynalite.url()).get("NoSuchTable", Map.of("pk", "x")));
        assertTrue(refused.getMessage().contains("NoSuchTable") && refused.getMessage().contains("ResourceNotFoundException"),
                refused.getMessage());
    }

    @Test
    void anUnreachableDynamoDbIsRetriedThenNamedWithoutSecrets() throws IOException {
        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        AwsException refused = assertThrows(AwsException.class,
                () -> client("http://127.0.0.1:" + closed).put(table, Map.of("pk", "secret-item-value"), null, null));
        assertTrue(refused.getMessage().contains("after 3 attempts") || refused.getMessage().contains("gave up"),
                refused.getMessage());
        Assertions.assertNoSecret("the message", refused.getMessage(), Dynalite.SECRET_ACCESS_KEY, "secret-item-value");
    }
}
