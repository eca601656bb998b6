package dev.sdkauth.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * dynalite as the tests of the grants table will use it: started from tools/dynalite, the table created from a
 * template's GrantsTable, and what the function's DynamoDB client will rely on, over raw HTTP and JSON: status codes,
 * bodies, and the {@code __type} of each error it must tell apart. Each error expectation here is DynamoDB's
 * documented behaviour, so a dynalite that drifted from DynamoDB fails here, not in the function's tests.
 */
class DynaliteTest {
    static final Path TEMPLATE = Path.of("template.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DYNAMODB = "com.amazonaws.dynamodb.v20120810#";
    private static Dynalite dynalite;
    private static String table;

    @BeforeAll
    static void start() {
        dynalite = Dynalite.start();
        System.out.println("dynalite started in " + dynalite.startMillis() + " ms, at " + dynalite.url());
        long before = System.nanoTime();
        table = dynalite.createTableFromTemplate(TEMPLATE);
        System.out.println("GrantsTable created and ACTIVE in " + (System.nanoTime() - before) / 1_000_000 + " ms");
    }

    @AfterAll
    static void stop() {
        dynalite.close();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(text, e);
        }
    }

    private static String grant(String pk, String email, String refreshToken) {
        return """
                {"pk":{"S":"%s"},"email":{"S":"%s"},"refreshToken":{"S":"%s"},"scopes":{"SS":["user:read:zak"]}}"""
                .formatted(pk, email, refreshToken);
    }

    private static Dynalite.Response put(String item, String condition) {
        return dynalite.call("PutItem", "{\"TableName\":\"" + table + "\",\"Item\":" + item
                + (condition == null ? "" : ",\"ConditionExpression\":\"" + condition + "\"") + "}");
    }

    private static Dynalite.Response get(String pk) {
        return dynalite.call("GetItem", "{\"TableName\":\"" + table + "\",\"Key\":{\"pk\":{\"S\":\"" + pk + "\"}},"
                + "\"ConsistentRead\":true}");
    }

    @Test
    void listensOnLoopbackAndHasTheTable() {
        assertTrue(dynalite.url().startsWith("http://127.0.0.1:"), dynalite.url());
        Dynalite.Response tables = dynalite.call("ListTables", "{}");
        assertEquals(200, tables.status(), tables::toString);
        assertEquals(json("[\"GrantsTable\"]"), tables.body().get("TableNames"));
    }

    @Test
    void theTableIsTheTemplatesKeysIndexAndBillingMode() {
        Dynalite.Response described = dynalite.call("DescribeTable", "{\"TableName\":\"GrantsTable\"}");
        assertEquals(200, described.status(), described::toString);
        JsonNode t = described.body().get("Table");
        assertEquals("ACTIVE", t.get("TableStatus").textValue());
        assertEquals(json("[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}]"), t.get("KeySchema"));
        Set<String> attributes = new TreeSet<>();
        t.get("AttributeDefinitions").forEach(a -> attributes.add(a.get("AttributeName").textValue() + " "
                + a.get("AttributeType").textValue()));
        assertEquals(Set.of("email S", "pk S"), attributes);
        assertEquals("PAY_PER_REQUEST", t.at("/BillingModeSummary/BillingMode").textValue(), t::toString);
        assertEquals(1, t.get("GlobalSecondaryIndexes").size(), t::toString);
        JsonNode index = t.get("GlobalSecondaryIndexes").get(0);
        assertEquals("email", index.get("IndexName").textValue());
        assertEquals(json("[{\"AttributeName\":\"email\",\"KeyType\":\"HASH\"}]"), index.get("KeySchema"));
        assertEquals("KEYS_ONLY", index.at("/Projection/ProjectionType").textValue());
        assertEquals("ACTIVE", index.get("IndexStatus").textValue());
        assertFalse(t.has("LocalSecondaryIndexes"), t::toString);
    }

    @Test
    void putThenGetGivesTheItemBackAndAMissingKeyGivesNoItem() {
        Dynalite.Response put = put(grant("user#put-get", "put-get@example.com", "r1"), null);
        assertEquals(200, put.status(), put::toString);
        assertEquals(json("{}"), put.body(), "PutItem without ReturnValues answers {}");

        Dynalite.Response got = get("user#put-get");
        assertEquals(200, got.status(), got::toString);
        assertEquals(json(grant("user#put-get", "put-get@example.com", "r1")), got.body().get("Item"));

        Dynalite.Response missing = get("user#nobody");
        assertEquals(200, missing.status(), "a missing item is no error");
        assertEquals(json("{}"), missing.body(), "no Item member at all, not Item: null");
    }

    @Test
    void aConditionalPutOfAnExistingKeyIsRefusedWith400ConditionalCheckFailed() {
        String first = grant("user#conditional", "conditional@example.com", "first");
        assertEquals(200, put(first, "attribute_not_exists(pk)").status(), "the first put meets the condition");

        Dynalite.Response second = put(grant("user#conditional", "conditional@example.com", "second"),
                "attribute_not_exists(pk)");
        assertEquals(400, second.status(), second::toString);
        assertEquals(DYNAMODB + "ConditionalCheckFailedException", second.errorType(), second::toString);
        assertEquals("The conditional request failed", second.body().get("message").textValue(), second::toString);
        assertEquals(json(first), get("user#conditional").body().get("Item"), "the refused put changed nothing");

        Dynalite.Response unconditional = put(grant("user#conditional", "conditional@example.com", "third"), null);
        assertEquals(200, unconditional.status(), "without a condition a put replaces the item");
        assertEquals("third", get("user#conditional").body().at("/Item/refreshToken/S").textValue());
    }

    @Test
    void aQueryOnTheEmailIndexFindsEveryGrantOfThatAddressWithKeysOnly() {
        put(grant("user#q1", "query@example.com", "secret-1"), null);
        put(grant("user#q2", "query@example.com", "secret-2"), null);
        put(grant("user#q3", "other-query@example.com", "secret-3"), null);

        Dynalite.Response found = dynalite.call("Query", """
                {"TableName":"GrantsTable","IndexName":"email","KeyConditionExpression":"email = :e",
                 "ExpressionAttributeValues":{":e":{"S":"query@example.com"}}}""");
        assertEquals(200, found.status(), found::toString);
        assertEquals(2, found.body().get("Count").intValue(), found::toString);
        Set<String> keys = new TreeSet<>();
        for (JsonNode item : found.body().get("Items")) {
            assertEquals(Set.of("pk", "email"), fieldNames(item), "KEYS_ONLY: the table's and the index's keys");
            keys.add(item.at("/pk/S").textValue());
        }
        assertEquals(Set.of("user#q1", "user#q2"), keys);

        Dynalite.Response none = dynalite.call("Query", """
                {"TableName":"GrantsTable","IndexName":"email","KeyConditionExpression":"email = :e",
                 "ExpressionAttributeValues":{":e":{"S":"nobody@example.com"}}}""");
        assertEquals(200, none.status(), none::toString);
        assertEquals(0, none.body().get("Count").intValue());
        assertEquals(json("[]"), none.body().get("Items"));

        Dynalite.Response consistent = dynalite.call("Query", """
                {"TableName":"GrantsTable","IndexName":"email","KeyConditionExpression":"email = :e",
                 "ExpressionAttributeValues":{":e":{"S":"query@example.com"}},"ConsistentRead":true}""");
        assertEquals(400, consistent.status(), "a global secondary index is eventually consistent only");
        assertEquals("com.amazon.coral.validate#ValidationException", consistent.errorType(), consistent::toString);
    }

    private static Set<String> fieldNames(JsonNode item) {
        Set<String> names = new TreeSet<>();
        item.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The other errors a client must tell apart from a refused condition, each its own __type. */
    @Test
    void otherErrorsAre400sOfTheirOwnType() {
        Dynalite.Response noTable = dynalite.call("GetItem",
                "{\"TableName\":\"NoSuchTable\",\"Key\":{\"pk\":{\"S\":\"x\"}}}");
        assertEquals(400, noTable.status(), noTable::toString);
        assertEquals(DYNAMODB + "ResourceNotFoundException", noTable.errorType(), noTable::toString);

        Dynalite.Response noKey = dynalite.call("PutItem",
                "{\"TableName\":\"GrantsTable\",\"Item\":{\"email\":{\"S\":\"no-key@example.com\"}}}");
        assertEquals(400, noKey.status(), noKey::toString);
        assertEquals("com.amazon.coral.validate#ValidationException", noKey.errorType(), noKey::toString);

        Dynalite.Response wrongType = dynalite.call("PutItem",
                "{\"TableName\":\"GrantsTable\",\"Item\":{\"pk\":{\"N\":\"1\"}}}");
        assertEquals(400, wrongType.status(), wrongType::toString);
        assertEquals("com.amazon.coral.validate#ValidationException", wrongType.errorType(), wrongType::toString);

        Dynalite.Response again = dynalite.call("CreateTable", """
                {"TableName":"GrantsTable","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
                 "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}""");
        assertEquals(400, again.status(), again::toString);
        assertEquals(DYNAMODB + "ResourceInUseException", again.errorType(), again::toString);

        Dynalite.Response unsigned = dynalite.send(HttpRequest.newBuilder(URI.create(dynalite.url() + "/"))
                .header("Content-Type", Dynalite.CONTENT_TYPE)
                .header("X-Amz-Target", Dynalite.TARGET_PREFIX + "ListTables")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(400, unsigned.status(), unsigned::toString);
        assertEquals("com.amazon.coral.service#MissingAuthenticationTokenException", unsigned.errorType());

        Dynalite.Response unknown = dynalite.call("NoSuchOperation", "{}");
        assertEquals(400, unknown.status(), unknown::toString);
        assertEquals("com.amazon.coral.service#UnknownOperationException", unknown.errorType());
    }

    @Test
    void aTablePropertyNeitherPassedOnNorKnownToBeSafeToLeaveOutIsRefused(@TempDir Path dir) throws IOException {
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, """
                Resources:
                  OtherTable:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      BillingMode: PAY_PER_REQUEST
                      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
                      KeySchema: [{AttributeName: pk, KeyType: HASH}]
                      ImportSourceSpecification: !Ref Somewhere
                """);
        AssertionFailedError refused = assertThrows(AssertionFailedError.class,
                () -> dynalite.createTableFromTemplate(template, "OtherTable"));
        assertTrue(refused.getMessage().contains("ImportSourceSpecification"), refused.getMessage());
        assertFalse(dynalite.call("ListTables", "{}").body().get("TableNames").toString().contains("OtherTable"));

        AssertionFailedError absent = assertThrows(AssertionFailedError.class,
                () -> dynalite.createTableFromTemplate(template));
        assertTrue(absent.getMessage().contains("no AWS::DynamoDB::Table GrantsTable"), absent.getMessage());
    }

    @Test
    void closeStopsTheProcessAndFreesThePort() {
        Dynalite other = Dynalite.start();
        System.out.println("a second dynalite started in " + other.startMillis() + " ms");
        long pid = other.pid();
        int port = URI.create(other.url()).getPort();
        assertEquals(200, other.call("ListTables", "{}").status());
        other.close();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "dynalite still runs");
        assertFalse(connects(port), "something still listens on " + port);
        other.close(); // twice is harmless
    }

    @Test
    void itEndsByItselfWhenTheJvmsPipeToItCloses() throws IOException {
        try (Dynalite orphan = Dynalite.start()) {
            long pid = orphan.pid();
            orphan.closeStandardInput();
            Await.until("dynalite to exit once its standard input closed",
                    () -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        }
    }

    @Test
    void withoutThePackageItFailsWithTheCommandThatInstallsIt(@TempDir Path empty) {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class, () -> Dynalite.start(empty, "node"));
        assertOneLine(failure, Dynalite.INSTALL);
    }

    @Test
    void withoutNodeItFailsSayingSo() {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> Dynalite.start(Dynalite.PACKAGE, "/nonexistent/node"));
        assertOneLine(failure, "Node.js 20+");
        assertOneLine(failure, Dynalite.INSTALL);
    }

    private static void assertOneLine(AssertionFailedError failure, String said) {
        List<String> lines = failure.getMessage().lines().toList();
        assertEquals(1, lines.size(), failure.getMessage());
        assertTrue(lines.get(0).contains(said), lines.get(0));
    }

    private static boolean connects(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
