package dev.sdkauth.handler;

import dev.sdkauth.testing.Assertions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sdkauth.testing.Events;
import dev.sdkauth.testing.Jwt;
import dev.sdkauth.testing.Proxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged function run the way Lambda runs it: target/function.jar unpacked as Lambda unpacks a deployment
 * package into its task root, started by Lambda's own Java runtime interface client ({@code AWSLambda}, copied to
 * target/lambda-runtime by the build) with the handler string from template.yaml and the JVM flags the managed
 * runtime uses, against a loopback stand-in of the Lambda Runtime API. Every file in events/ is one invocation.
 * This proves the handler name, the event hand-over and the init path as the cloud does them, which {@code invoke}
 * (our own adapter) cannot.
 */
class RuntimeClientIT {
    private static final String SECRET = "runtime-client-secret-0123456789abcdefgh";
    private static final String RUNTIME = "/2018-06-01/runtime";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static Path taskRoot;
    private static JsonNode function;

    @BeforeAll
    static void unpackTheDeploymentPackage() throws IOException {
        taskRoot = Files.createTempDirectory("task-root");
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(Path.of("target/function.jar")))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = taskRoot.resolve(entry.getName()).normalize();
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target);
                }
            }
        }
        function = YAML.readTree(new File("template.yaml")).at("/Resources/TokenFunction/Properties");
    }

    @AfterAll
    static void removeIt() throws IOException {
        try (Stream<Path> files = Files.walk(taskRoot)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    /**
     * The flags Lambda's managed runtime starts the JVM with (captures of the java17 runtime's command line, and
     * Lambda's "Customize Java runtime startup behavior" page for the compiler: C1 only, except that java25 keeps
     * the default compilers under SnapStart). docs/performance.md cites them.
     */
    private static List<String> lambdaJvmFlags(String initializationType, Jdk jdk) {
        String runtime = function.get("Runtime").textValue();
        long heapKb = function.get("MemorySize").asLong() * 1024 * 85 / 100;
        List<String> flags = new ArrayList<>(List.of("-XX:MaxHeapSize=" + heapKb + "k", "-XX:+UseSerialGC",
                "-Xshare:auto", "--add-opens=java.base/java.io=ALL-UNNAMED",
                "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac", "-XX:+ErrorFileToStderr"));
        if (!(runtime.equals("java25") && initializationType.equals("snap-start"))) {
            flags.addAll(List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"));
        }
        if (jdk.feature() >= 24) {
            // The runtime client loads its native library with System.load, which newer JDKs warn about otherwise.
            flags.add("--enable-native-access=ALL-UNNAMED");
        }
        return flags;
    }

    /**
     * The JDK of the template's runtime ({@code java25} is Java 25) when this machine has one under /usr/lib/jvm or
     * in {@code -Dlambda.java.home}; otherwise the JDK running the tests, said on standard output.
     */
    private record Jdk(Path java, int feature) {
    }

    private static Jdk lambdaJava() throws IOException {
        String feature = function.get("Runtime").textValue().substring("java".length());
        String configured = System.getProperty("lambda.java.home");
        List<Path> candidates = new ArrayList<>();
        if (configured != null) {
            candidates.add(Path.of(configured));
        }
        if (Files.isDirectory(Path.of("/usr/lib/jvm"))) {
            try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
                jdks.sorted().forEach(candidates::add);
            }
        }
        for (Path home : candidates) {
            Path release = home.resolve("release");
            if (Files.isRegularFile(release) && Files.isExecutable(home.resolve("bin/java"))
                    && Files.readString(release).contains("JAVA_VERSION=\"" + feature)) {
                return new Jdk(home.resolve("bin/java"), Integer.parseInt(feature));
            }
        }
        System.out.println("RuntimeClientIT: no Java " + feature + " found, running on " + Runtime.version());
        return new Jdk(Path.of(System.getProperty("java.home"), "bin", "java"), Runtime.version().feature());
    }

    /**
     * Both ways Lambda starts a function: on demand, and under SnapStart, where the runtime client runs the
     * checkpoint hooks, asks for {@code /restore/next} and then runs the restore hooks. The credentials come as a
     * SnapStart function gets them (the container credentials endpoint, no key variables) and the SDK keys from SSM;
     * the stand-in keeps the order of the calls, so the test sees that nothing is fetched before the restore.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"on-demand", "snap-start"})
    void everyEventFileIsAnsweredUnderLambdasRuntimeClient(String initializationType) throws Exception {
        List<Path> files = Events.files();
        try (RuntimeApi api = new RuntimeApi()) {
            Map<String, Path> byRequestId = new LinkedHashMap<>();
            for (Path file : files) {
                String requestId = "req-" + byRequestId.size();
                byRequestId.put(requestId, file);
                api.queue(requestId, Files.readString(file));
            }
            Path out = Files.createTempFile("runtime", ".out");
            Path err = Files.createTempFile("runtime", ".err");
            long started = System.nanoTime();
            Jdk jdk = lambdaJava();
            Process process = start(api, jdk, initializationType, out, err);
            try {
                for (Map.Entry<String, Path> invocation : byRequestId.entrySet()) {
                    String answer = api.response(invocation.getKey());
                    if (invocation.getKey().equals("req-0")) {
                        System.out.printf("RuntimeClientIT (%s, Java %d): process start to first response %d ms%n",
                                initializationType, jdk.feature(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                    }
                    assertNotNull(answer, "no answer to " + invocation.getValue() + "; errors: " + api.errors);
                    check(invocation.getValue(), Proxy.json(answer));
                }
            } finally {
                process.destroy();
                assertTrue(process.waitFor(20, TimeUnit.SECONDS));
            }
            assertEquals(List.of(), api.errors, "no init or invocation error reached the Runtime API");
            List<String> calls = api.calls.stream().filter(call -> !call.equals("next")).toList();
            assertEquals(initializationType.equals("snap-start")
                    ? List.of("restore/next", "credentials", "ssm") : List.of("credentials", "ssm"), calls,
                    "one credential fetch and one SSM call, and under SnapStart only after the restore");
            String stderr = Files.readString(err);
            List<String> stdout = Files.readAllLines(out);
            assertEquals("", stderr, "nothing on standard error");
            assertEquals(files.size(), stdout.size(), "one line per invocation on standard output: " + stdout);
            for (int i = 0; i < stdout.size(); i++) {
                JsonNode line = Proxy.json(stdout.get(i));
                assertEquals("req-" + i, line.get("requestId").textValue(), "Lambda's request id reaches the log");
                assertTrue(line.has("_aws"), "each line is an EMF document as it is: " + line);
            }
            Assertions.assertNoSecret("standard output", String.join("\n", stdout), SECRET);
        }
    }

    private static void check(Path file, JsonNode answer) {
        String name = file.getFileName().toString();
        int status = answer.get("statusCode").intValue();
        assertEquals(Events.deployedStatus(file), status, name + ": " + answer);
        assertEquals(name.startsWith("alb-"), answer.has("statusDescription"), name);
        JsonNode body = Proxy.json(answer.get("body").textValue());
        if (status == 200) {
            Jwt.verify(body.has("token") ? body.get("token").textValue() : body.get("signature").textValue(), SECRET);
        }
    }

    private static Process start(RuntimeApi api, Jdk jdk, String initializationType, Path out, Path err)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        command.addAll(lambdaJvmFlags(initializationType, jdk));
        command.addAll(List.of("-classpath", Path.of("target/lambda-runtime").toAbsolutePath() + File.separator + "*",
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", function.get("Handler").textValue()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", System.getenv("PATH"));
        env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + api.port());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("AWS_LAMBDA_FUNCTION_NAME", "zoom-sdk-auth-TokenFunction");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", function.get("MemorySize").asText());
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", initializationType);
        env.put("AWS_LAMBDA_LOG_FORMAT", function.at("/LoggingConfig/LogFormat").asText("TEXT"));
        env.put("AWS_REGION", "us-east-1");
        env.put("TZ", ":UTC");
        // As a SnapStart function gets its role's credentials: no key variables, the container endpoint instead.
        env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:" + api.port() + "/credentials");
        env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", RuntimeApi.AUTHORIZATION);
        env.put("AWS_ENDPOINT_URL_SSM", "http://127.0.0.1:" + api.port());
        env.putAll(Map.of("ZOOM_VIDEO_SDK_KEY_PARAMETER", "/zoom/video-sdk/key",
                "ZOOM_VIDEO_SDK_SECRET_PARAMETER", "/zoom/video-sdk/secret",
                "ZOOM_MEETING_SDK_KEY_PARAMETER", "/zoom/meeting-sdk/key",
                "ZOOM_MEETING_SDK_SECRET_PARAMETER", "/zoom/meeting-sdk/secret"));
        return builder.start();
    }

    /**
     * The Lambda Runtime API, as much of it as a function's runtime client uses, and on the same port the two AWS
     * endpoints the function calls: the container credentials endpoint and SSM's GetParameters. Every call is noted
     * in order.
     */
    private static final class RuntimeApi implements AutoCloseable {
        static final String AUTHORIZATION = "container-authorization-token";
        static final Map<String, String> PARAMETERS = Map.of("/zoom/video-sdk/key", "VIDEO_KEY",
                "/zoom/video-sdk/secret", SECRET, "/zoom/meeting-sdk/key", "MEETING_KEY",
                "/zoom/meeting-sdk/secret", SECRET);
        private final HttpServer server;
        final List<String> calls = new CopyOnWriteArrayList<>();
        private final BlockingQueue<String[]> pending = new LinkedBlockingQueue<>();
        private final Map<String, BlockingQueue<String>> responses = new ConcurrentHashMap<>();
        final List<String> errors = new CopyOnWriteArrayList<>();

        RuntimeApi() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext(RUNTIME + "/invocation/next", this::next);
            server.createContext(RUNTIME + "/invocation/", this::outcome);
            server.createContext(RUNTIME + "/init/error", exchange -> {
                errors.add("init: " + body(exchange));
                reply(exchange, 202);
            });
            server.createContext(RUNTIME + "/restore/next", exchange -> {
                calls.add("restore/next");
                reply(exchange, 200);
            });
            server.createContext(RUNTIME + "/restore/error", exchange -> {
                errors.add("restore: " + body(exchange));
                reply(exchange, 202);
            });
            server.createContext("/credentials", exchange -> {
                calls.add("credentials");
                if (!AUTHORIZATION.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    errors.add("credentials requested without the authorization token");
                }
                json(exchange, "{\"AccessKeyId\":\"ASIACONTAINEREXAMPLE\",\"SecretAccessKey\":\"container-secret\","
                        + "\"Token\":\"container-session-token\",\"Expiration\":\""
                        + Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS)
                        + "\"}");
            });
            server.createContext("/", exchange -> {
                calls.add("ssm");
                String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
                String request = body(exchange);
                if (!"AmazonSSM.GetParameters".equals(target) || !request.contains("\"WithDecryption\":true")) {
                    errors.add("unexpected SSM call " + target + " " + request);
                }
                StringBuilder parameters = new StringBuilder();
                PARAMETERS.forEach((name, value) -> parameters.append(parameters.length() == 0 ? "" : ",")
                        .append("{\"Name\":\"").append(name).append("\",\"Type\":\"")
                        .append(name.endsWith("secret") ? "SecureString" : "String").append("\",\"Value\":\"")
                        .append(value).append("\",\"Version\":1}"));
                json(exchange, "{\"Parameters\":[" + parameters + "],\"InvalidParameters\":[]}");
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        void queue(String requestId, String event) {
            responses.put(requestId, new LinkedBlockingQueue<>());
            pending.add(new String[] {requestId, event});
        }

        String response(String requestId) throws InterruptedException {
            return responses.get(requestId).poll(60, TimeUnit.SECONDS);
        }

        /** Hands out the next event; with none left it holds the call, as Lambda does between invocations. */
        private void next(HttpExchange exchange) throws IOException {
            calls.add("next");
            String[] invocation;
            try {
                invocation = pending.take();
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            }
            byte[] event = invocation[1].getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", invocation[0]);
            exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms",
                    Long.toString(System.currentTimeMillis() + 15_000));
            exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn",
                    "arn:aws:lambda:us-east-1:123456789012:function:zoom-sdk-auth-TokenFunction:live");
            exchange.getResponseHeaders().set("Lambda-Runtime-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793");
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, event.length);
            exchange.getResponseBody().write(event);
            exchange.close();
        }

        /** {@code /invocation/{id}/response} or {@code /invocation/{id}/error}. */
        private void outcome(HttpExchange exchange) throws IOException {
            String[] parts = exchange.getRequestURI().getPath().substring((RUNTIME + "/invocation/").length()).split("/");
            String body = body(exchange);
            if (parts.length == 2 && parts[1].equals("response") && responses.containsKey(parts[0])) {
                responses.get(parts[0]).add(body);
            } else {
                errors.add(exchange.getRequestURI().getPath() + " "
                        + exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type") + ": " + body);
            }
            reply(exchange, 202);
        }

        private static String body(HttpExchange exchange) throws IOException {
            try (InputStream in = exchange.getRequestBody()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }

        private static void json(HttpExchange exchange, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        private static void reply(HttpExchange exchange, int status) throws IOException {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
