package dev.sdkauth.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * dynalite (tools/dynalite, pinned by its package-lock.json): DynamoDB's JSON API in memory, run by Node.js as a
 * child process on a free loopback port, for tests of code that keeps data in DynamoDB. Amazon's DynamoDB Local is
 * not open source and is not used. One instance per test class ({@code @BeforeAll}/{@code @AfterAll}): it starts in
 * well under a second ({@link #startMillis()}, DynaliteTest prints it) and every instance starts empty.
 * <p>
 * Every process started here is stopped: by {@link #close()}, by a JVM shutdown hook when close is never reached,
 * and, when the JVM dies without running its hooks, by dynalite itself (tools/dynalite/exit-with-parent.js ends it
 * when the pipe to its standard input closes). Without node or the package, {@link #start()} fails the test with
 * the command that installs it: a test that skipped instead could not fail.
 */
public final class Dynalite implements AutoCloseable {
    /** What installs the package, from the project's root; said by every failure to start for want of it. */
    public static final String INSTALL = "npm ci --prefix tools/dynalite";
    public static final Path PACKAGE = Path.of("tools", "dynalite");
    /** Any region and key will do: dynalite checks the Authorization header's shape, not its signature. */
    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY_ID = "AKIDEXAMPLE";
    public static final String SECRET_ACCESS_KEY = "dynalite-test-secret";
    public static final String TARGET_PREFIX = "DynamoDB_20120810.";
    public static final String CONTENT_TYPE = "application/x-amz-json-1.0";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LISTENING = "Dynalite listening at:";
    private static final int PORT_TRIES = 3;
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /**
     * The CloudFormation properties of an AWS::DynamoDB::Table that shape its data, passed to CreateTable as they
     * are: CloudFormation spells them as DynamoDB's API does.
     */
    private static final List<String> TRANSLATED = List.of("AttributeDefinitions", "KeySchema",
            "GlobalSecondaryIndexes", "LocalSecondaryIndexes", "BillingMode", "ProvisionedThroughput");
    /** What CreateTable takes of each index (CloudFormation's WarmThroughput and the like are AWS's concern). */
    private static final List<String> INDEX_PROPERTIES = List.of("IndexName", "KeySchema", "Projection",
            "ProvisionedThroughput");
    /**
     * Properties left out, because they change nothing a test of reads and writes can see and dynalite's CreateTable
     * does not take them: point-in-time recovery, encryption at rest, TTL (a separate UpdateTimeToLive call that
     * dynalite lacks; items never expire in it), streams, deletion protection, tags, the table class, contributor
     * insights, throughput settings of on-demand tables, a resource policy. TableName too: the table is named after
     * its logical ID (CloudFormation would generate a name; the function is given it by !Ref). Any other property
     * fails {@link #createTableFromTemplate}, so a new one is translated or listed here on purpose, not dropped.
     */
    private static final Set<String> IGNORED = Set.of("PointInTimeRecoverySpecification", "SSESpecification",
            "TimeToLiveSpecification", "StreamSpecification", "KinesisStreamSpecification", "DeletionProtectionEnabled",
            "Tags", "TableClass", "ContributorInsightsSpecification", "OnDemandThroughput", "WarmThroughput",
            "ResourcePolicy", "TableName");

    /** An answer of dynalite: the HTTP status and the JSON body. */
    public record Response(int status, JsonNode body) {
        /** The error's {@code __type} (com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException), or null. */
        public String errorType() {
            JsonNode type = body.get("__type");
            return type == null ? null : type.textValue();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final Process process;
    private final int port;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final Thread shutdownHook;
    private final Thread reader;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile boolean listening;
    private long startMillis;
    private boolean closed;

    private Dynalite(Process process, int port) {
        this.process = process;
        this.port = port;
        this.shutdownHook = new Thread(process::destroy, "dynalite-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        this.reader = new Thread(this::readOutput, "dynalite-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Started from tools/dynalite with the node on the PATH, listening on 127.0.0.1 and accepting connections. */
    public static Dynalite start() {
        return start(PACKAGE, "node");
    }

    /** {@link #start()} with another package folder and node executable: for the test of the failures to start. */
    static Dynalite start(Path packageDirectory, String node) {
        Path cli = packageDirectory.resolve(Path.of("node_modules", "dynalite", "cli.js")).toAbsolutePath();
        Path exitWithParent = packageDirectory.resolve("exit-with-parent.js").toAbsolutePath();
        if (!Files.isRegularFile(cli)) {
            fail("dynalite is not installed (no " + cli + "): run " + INSTALL + " (needs Node.js 20+)");
        }
        String lastOutput = "";
        for (int attempt = 1; attempt <= PORT_TRIES; attempt++) {
            long started = System.nanoTime();
            int port = freeLoopbackPort();
            Process process;
            try {
                // Tables become ACTIVE at once (DynamoDB takes a while; createTableFromTemplate waits either way).
                process = new ProcessBuilder(node, "--require", exitWithParent.toString(), cli.toString(),
                        "--host", "127.0.0.1", "--port", Integer.toString(port),
                        "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0")
                        .redirectErrorStream(true).start();
            } catch (IOException e) {
                fail("cannot run " + node + " for dynalite (" + e.getMessage() + "): install Node.js 20+, then run "
                        + INSTALL);
                throw new AssertionError(e);
            }
            Dynalite dynalite = new Dynalite(process, port);
            try {
                Await.until("dynalite to accept connections on 127.0.0.1:" + port,
                        () -> !process.isAlive() || dynalite.listening && dynalite.accepts());
            } catch (AssertionError | RuntimeException e) {
                dynalite.close();
                throw e;
            }
            if (process.isAlive()) {
                dynalite.startMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                return dynalite;
            }
            dynalite.close();
            lastOutput = String.join(" | ", dynalite.output);
            // Another process may take the free port between the probe and dynalite's bind: then another port.
            if (!lastOutput.contains("EADDRINUSE")) {
                break;
            }
        }
        fail("dynalite exited before it listened: " + lastOutput + " (reinstall with " + INSTALL + ")");
        throw new AssertionError();
    }

    /** http://127.0.0.1:PORT, DynamoDB's endpoint. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** From starting node to the first accepted connection, in milliseconds. */
    public long startMillis() {
        return startMillis;
    }

    /** The dynalite process's ID, for tests that it stopped. */
    public long pid() {
        return process.pid();
    }

    /**
     * One call of DynamoDB's JSON API as its SDKs make it: {@code POST /} with X-Amz-Target, the JSON 1.0 content
     * type and a SigV4 Authorization header, signed with {@link SigV4} (dynalite checks only its shape).
     */
    public Response call(String operation, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String amzDate = AMZ_DATE.format(Instant.now());
        String date = amzDate.substring(0, 8);
        String target = TARGET_PREFIX + operation;
        String host = "127.0.0.1:" + port;
        List<String> signed = List.of("content-type", "host", "x-amz-date", "x-amz-target");
        String canonical = SigV4.canonicalRequest("POST", "/", "", Map.of("content-type", List.of(CONTENT_TYPE),
                "host", List.of(host), "x-amz-date", List.of(amzDate), "x-amz-target", List.of(target)), signed, body);
        String scope = date + "/" + REGION + "/dynamodb/aws4_request";
        String signature = SigV4.signature(SECRET_ACCESS_KEY, date, REGION, "dynamodb",
                SigV4.stringToSign(amzDate, scope, canonical));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", CONTENT_TYPE)
                .header("X-Amz-Date", amzDate)
                .header("X-Amz-Target", target)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY_ID + "/" + scope
                        + ", SignedHeaders=" + String.join(";", signed) + ", Signature=" + signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return send(request);
    }

    /** {@link #call} with a body built by Jackson. */
    public Response call(String operation, JsonNode json) {
        return call(operation, json.toString());
    }

    /** A request exactly as given, for tests of what dynalite answers requests that are off the protocol. */
    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            return new Response(response.statusCode(), JSON.readTree(text.isEmpty() ? "{}" : text));
        } catch (IOException e) {
            throw new UncheckedIOException("dynalite at " + url() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling dynalite", e);
        }
    }

    /**
     * Creates the table that {@code template}'s resource {@code GrantsTable} declares, named GrantsTable, and waits
     * until it and its indexes are ACTIVE. CloudFormation's short-form tags (!Ref, !Sub, ...) read as plain values.
     */
    public String createTableFromTemplate(Path template) {
        return createTableFromTemplate(template, "GrantsTable");
    }

    /**
     * Creates the table that {@code template}'s resource {@code logicalId} (an AWS::DynamoDB::Table) declares, named
     * {@code logicalId}: its key schema, attribute definitions, indexes and billing mode, as a CreateTable call.
     * Properties that do not shape the data are left out ({@link #IGNORED}); any other fails. Returns the name.
     */
    public String createTableFromTemplate(Path template, String logicalId) {
        JsonNode resource;
        try {
            // Jackson's YAML reader drops tags: !GetAtt T.Arn reads as "T.Arn", !If [c, a, b] as [c, a, b].
            resource = new ObjectMapper(new YAMLFactory()).readTree(template.toFile()).path("Resources").path(logicalId);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + template, e);
        }
        if (!"AWS::DynamoDB::Table".equals(resource.path("Type").textValue())) {
            fail(template + " has no AWS::DynamoDB::Table " + logicalId + " under Resources");
        }
        ObjectNode request = JSON.createObjectNode().put("TableName", logicalId);
        Iterator<Map.Entry<String, JsonNode>> properties = resource.path("Properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            String name = property.getKey();
            if (name.endsWith("SecondaryIndexes")) {
                ArrayNode indexes = request.putArray(name);
                for (JsonNode index : property.getValue()) {
                    ObjectNode copy = indexes.addObject();
                    INDEX_PROPERTIES.stream().filter(index::has).forEach(p -> copy.set(p, index.get(p)));
                }
            } else if (TRANSLATED.contains(name)) {
                request.set(name, property.getValue());
            } else if (!IGNORED.contains(name)) {
                fail(logicalId + "'s property " + name + " in " + template + " is neither passed to dynalite nor "
                        + "known to be safe to leave out: add it to Dynalite.TRANSLATED or Dynalite.IGNORED");
            }
        }
        Response created = call("CreateTable", request);
        if (created.status() != 200) {
            fail("CreateTable " + request + " from " + template + ": " + created);
        }
        Await.until("table " + logicalId + " and its indexes to be ACTIVE", () -> isActive(logicalId));
        return logicalId;
    }

    private boolean isActive(String table) {
        JsonNode description = call("DescribeTable", JSON.createObjectNode().put("TableName", table)).body()
                .path("Table");
        if (!"ACTIVE".equals(description.path("TableStatus").textValue())) {
            return false;
        }
        for (JsonNode index : description.path("GlobalSecondaryIndexes")) {
            if (!"ACTIVE".equals(index.path("IndexStatus").textValue())) {
                return false;
            }
        }
        return true;
    }

    /** What dynalite printed (it says where it listens, and why it exited when it did). */
    public List<String> output() {
        return List.copyOf(output);
    }

    /** Stops dynalite and waits until it has exited. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            reader.join(2000); // the last of its output, for the failure that says why it exited
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it stops what is already stopped.
        }
    }

    /** Closes the pipe to dynalite's standard input, as the JVM's exit would: exit-with-parent.js ends it then. */
    void closeStandardInput() throws IOException {
        process.getOutputStream().close();
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                output.add(line);
                if (line.startsWith(LISTENING)) {
                    listening = true;
                }
            }
        } catch (IOException closed) {
            // The process ended.
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
