import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whole-process cold start of {@code java -jar target/function.jar invoke EVENT}, against a bare JVM that prints
 * one line, measured in the same run with the scenarios alternated round by round so that drift on the machine
 * hits all of them alike. The SSM scenarios fetch key and secret from a loopback stand-in of SSM's GetParameters
 * (this process), via AWS_ENDPOINT_URL_SSM, as the function does in Lambda: once over plain HTTP, once over HTTPS
 * with a self-signed RSA certificate made here by keytool, which the function's JVM trusts through
 * -Djavax.net.ssl.trustStore (a copy of the JDK's cacerts with that certificate added, so a trust store of the
 * usual size is loaded, without a password, as the default one is). The stand-in answers without Nagle's delay
 * (TCP_NODELAY), as a real server's single write of headers and body would arrive. The stand-in
 * answers only a request with X-Amz-Target AmazonSSM.GetParameters and a SigV4 Authorization header for the
 * benchmark's access key, region and service; it does not recompute the signature (the tests do that).
 *
 * <pre>
 *   mvn -B -q package -DskipTests
 *   java bench/ColdStart.java [--rounds 15] [--jar target/function.jar] [--event events/video-sdk.json]
 *                             [--java /path/to/bin/java] [--jvm-flags "-XX:TieredStopAtLevel=1 ..."]
 * </pre>
 * {@code --jvm-flags} go to the function runs only (what JAVA_TOOL_OPTIONS gives the function in Lambda).
 * Every run is checked: exit status 0, a 200 with a token on standard output, one accepted SSM call per SSM run,
 * and no library noise (SLF4J, stack traces) on standard error. A failed check aborts the benchmark. After the
 * timed rounds, one run per scenario with -Xlog:class+load counts the classes each loads. The last two scenarios
 * run the SSM client alone (a small program compiled here against the jar, that only fetches the parameters), to
 * tell its cost from the rest of a cold start. The public helpers (the bare JVM, medians, checks, options) serve
 * bench/RestoreStart.java too.
 */
public final class ColdStart {
    private static final String SECRET = "bench-secret-0123456789-0123456789-0123456789";
    private static final String STORE_PASSWORD = "changeit";

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int rounds = Integer.parseInt(options.getOrDefault("--rounds", "15"));
        Path jar = Path.of(options.getOrDefault("--jar", "target/function.jar")).toAbsolutePath();
        Path event = Path.of(options.getOrDefault("--event", "events/video-sdk.json")).toAbsolutePath();
        String java = options.getOrDefault("--java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> jvmFlags = options.containsKey("--jvm-flags")
                ? List.of(options.get("--jvm-flags").trim().split("\\s+")) : List.of();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run  mvn -B -q package -DskipTests  first");
        }

        // SSM writes each answer whole. The JDK's server writes headers and body separately and, without
        // TCP_NODELAY, holds the body back until the client's delayed ACK of the headers (about 40 ms over TLS):
        // a stall of the stand-in's own, which the function would never see in Lambda.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        AtomicInteger ssmCalls = new AtomicInteger();
        Path work = Files.createTempDirectory("cold-start");
        Path keyStore = selfSignedKeyStore(work);
        HttpServer ssm = ssmStandIn(ssmCalls, null);
        HttpServer ssmTls = ssmStandIn(ssmCalls, keyStore);
        try {
            Path hello = bareJvmJar(work);
            List<String> trusting = new ArrayList<>(jvmFlags);
            // No trustStorePassword, as in Lambda: with one, the JDK also checks the whole store's integrity (a
            // SHA-1 over every certificate), work that loading the default cacerts never does.
            trusting.add("-Djavax.net.ssl.trustStore=" + trustStore(work, keyStore, java));
            Map<String, Scenario> scenarios = new LinkedHashMap<>();
            scenarios.put("bare JVM, prints one line", new Scenario(command(java, List.of(), hello), Map.of(), false));
            scenarios.put("invoke, credentials from SSM over HTTP", new Scenario(
                    command(java, jvmFlags, jar, "invoke", event.toString()),
                    ssmEnvironment("http://127.0.0.1:" + ssm.getAddress().getPort()), true));
            scenarios.put("invoke, credentials from SSM over HTTPS", new Scenario(
                    command(java, trusting, jar, "invoke", event.toString()),
                    ssmEnvironment("https://127.0.0.1:" + ssmTls.getAddress().getPort()), true));
            scenarios.put("invoke, credentials from the environment", new Scenario(
                    command(java, jvmFlags, jar, "invoke", event.toString()), Map.of(
                    "ZOOM_VIDEO_SDK_KEY", "bench-video-key", "ZOOM_VIDEO_SDK_SECRET", SECRET,
                    "ZOOM_MEETING_SDK_KEY", "bench-meeting-key", "ZOOM_MEETING_SDK_SECRET", SECRET), false));
            // The SSM client alone: a JVM that only fetches the four parameters and prints how many came back.
            Path fetchOnly = fetchOnlyProgram(work, jar);
            scenarios.put("SSM client alone, over HTTP", new Scenario(
                    fetchCommand(java, jvmFlags, jar, fetchOnly),
                    ssmEnvironment("http://127.0.0.1:" + ssm.getAddress().getPort()), true));
            scenarios.put("SSM client alone, over HTTPS", new Scenario(
                    fetchCommand(java, trusting, jar, fetchOnly),
                    ssmEnvironment("https://127.0.0.1:" + ssmTls.getAddress().getPort()), true));

            System.out.printf("java: %s (%s)%nfunction JVM flags: %s%nrounds: %d, scenarios alternated%n%n",
                    java, version(java), jvmFlags.isEmpty() ? "(none)" : String.join(" ", jvmFlags), rounds);
            Map<String, List<Double>> millis = new LinkedHashMap<>();
            Map<String, List<Long>> peakKib = new LinkedHashMap<>();
            scenarios.keySet().forEach(name -> millis.put(name, new ArrayList<>()));
            scenarios.keySet().forEach(name -> peakKib.put(name, new ArrayList<>()));
            for (int round = -2; round < rounds; round++) { // two unrecorded rounds warm the page cache
                for (Map.Entry<String, Scenario> scenario : scenarios.entrySet()) {
                    Run run = run(scenario.getValue(), work, ssmCalls, false);
                    if (round >= 0) {
                        millis.get(scenario.getKey()).add(run.millis());
                    }
                }
            }
            // Memory in separate runs: sampling /proc would itself cost the timed runs CPU on a small machine.
            for (int round = 0; round < 5; round++) {
                for (Map.Entry<String, Scenario> scenario : scenarios.entrySet()) {
                    peakKib.get(scenario.getKey()).add(run(scenario.getValue(), work, ssmCalls, true).peakKib());
                }
            }

            // Classes loaded, in one more run each (the log itself costs time, so not in the timed ones).
            Map<String, Long> classes = new LinkedHashMap<>();
            for (Map.Entry<String, Scenario> scenario : scenarios.entrySet()) {
                Path log = work.resolve("classes.log");
                Files.deleteIfExists(log);
                run(scenario.getValue().withFlag("-Xlog:class+load=info:file=" + log), work, ssmCalls, false);
                try (var lines = Files.lines(log)) {
                    classes.put(scenario.getKey(), lines.filter(line -> line.contains(" source: ")).count());
                }
            }

            double bare = median(millis.get("bare JVM, prints one line"));
            System.out.println("| scenario | median ms | min ms | max ms | × bare JVM | peak RSS MiB | classes |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|");
            for (String name : scenarios.keySet()) {
                List<Double> times = millis.get(name);
                System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.1f× | %.0f | %d |%n", name,
                        median(times), times.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                        times.stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
                        median(times) / bare, medianLong(peakKib.get(name)) / 1024.0, classes.get(name));
            }
            System.out.printf("%njar: %s, %d bytes (%.1f MiB)%n", jar.getFileName(), Files.size(jar),
                    Files.size(jar) / 1048576.0);
        } finally {
            ssm.stop(0);
            ssmTls.stop(0);
        }
    }

    private static Map<String, String> ssmEnvironment(String endpoint) {
        return Map.of(
                "ZOOM_VIDEO_SDK_KEY_PARAMETER", "/bench/video-sdk/key",
                "ZOOM_VIDEO_SDK_SECRET_PARAMETER", "/bench/video-sdk/secret",
                "ZOOM_MEETING_SDK_KEY_PARAMETER", "/bench/meeting-sdk/key",
                "ZOOM_MEETING_SDK_SECRET_PARAMETER", "/bench/meeting-sdk/secret",
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "AKIDBENCHMARK",
                "AWS_SECRET_ACCESS_KEY", "bench-aws-secret",
                "AWS_ENDPOINT_URL_SSM", endpoint);
    }

    private record Scenario(List<String> command, Map<String, String> env, boolean usesSsm) {
        /** The same run with one more JVM flag (right after the java executable). */
        Scenario withFlag(String flag) {
            List<String> flagged = new ArrayList<>(command);
            flagged.add(1, flag);
            return new Scenario(flagged, env, usesSsm);
        }
    }

    private record Run(double millis, long peakKib) {
    }

    private static Run run(Scenario scenario, Path work, AtomicInteger ssmCalls, boolean sampleMemory)
            throws IOException, InterruptedException {
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(scenario.command())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        // Only what the scenario sets: a developer's own AWS or SDK variables must not change the measurement.
        String path = System.getenv("PATH");
        builder.environment().clear();
        builder.environment().put("PATH", path == null ? "/usr/bin:/bin" : path);
        builder.environment().putAll(scenario.env());
        int callsBefore = ssmCalls.get();
        long start = System.nanoTime();
        Process process = builder.start();
        long peak = 0;
        if (sampleMemory) {
            Path status = Path.of("/proc", Long.toString(process.pid()), "status");
            while (process.isAlive()) {
                peak = Math.max(peak, highWaterMarkKib(status));
                Thread.sleep(1);
            }
        }
        int exit = process.waitFor();
        double millis = (System.nanoTime() - start) / 1e6;

        String stdout = Files.readString(out);
        String stderr = Files.readString(err);
        check(exit == 0, "exit status " + exit, stdout, stderr);
        check(!stderr.contains("SLF4J") && !stderr.contains("Exception") && !stderr.contains("WARN"),
                "noise on standard error", stdout, stderr);
        if (scenario.command().contains("invoke")) {
            check(stdout.contains("\"statusCode\":200") && stdout.contains("signature"), "no token", stdout, stderr);
        } else if (scenario.usesSsm()) {
            check(stdout.strip().equals("4 parameters"), "not the four parameters", stdout, stderr);
        }
        int calls = ssmCalls.get() - callsBefore;
        check(calls == (scenario.usesSsm() ? 1 : 0), calls + " accepted SSM calls", stdout, stderr);
        return new Run(millis, peak);
    }

    public static void check(boolean ok, String problem, String stdout, String stderr) {
        if (!ok) {
            throw new IllegalStateException(problem + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr);
        }
    }

    /** VmHWM, the kernel's own high-water mark of resident memory; 0 once the process has gone. */
    private static long highWaterMarkKib(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process exited between the check and the read
        }
        return 0;
    }

    /**
     * Answers GetParameters for whatever names it is asked, as SSM does for SecureString parameters, over HTTP or
     * (with a key store) HTTPS. Only a GetParameters request signed for the benchmark's key, region and service
     * counts and gets an answer; anything else gets SSM's 400 and fails the run's check.
     */
    private static HttpServer ssmStandIn(AtomicInteger calls, Path keyStore) throws Exception {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        HttpServer server;
        if (keyStore == null) {
            server = HttpServer.create(loopback, 0);
        } else {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                store.load(in, STORE_PASSWORD.toCharArray());
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, STORE_PASSWORD.toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys.getKeyManagers(), null, null);
            HttpsServer https = HttpsServer.create(loopback, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        server.createContext("/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            if (!"AmazonSSM.GetParameters".equals(target) || !authorization.matches(
                    "AWS4-HMAC-SHA256 Credential=AKIDBENCHMARK/\\d{8}/us-east-1/ssm/aws4_request, SignedHeaders=[a-z0-9;-]*"
                            + "host;[a-z0-9;-]*x-amz-date;x-amz-target[a-z0-9;-]*, Signature=[0-9a-f]{64}")) {
                answer(exchange, 400, "{\"__type\":\"IncompleteSignatureException\",\"message\":\"bench stand-in: target "
                        + target + "\"}");
                return;
            }
            calls.incrementAndGet();
            StringBuilder parameters = new StringBuilder();
            for (String name : body.replaceAll(".*\"Names\"\\s*:\\s*\\[([^]]*)].*", "$1").split(",")) {
                String bare = name.trim().replace("\"", "");
                String value = bare.endsWith("secret") ? SECRET : "bench-key-" + bare.replace('/', '-');
                parameters.append(parameters.isEmpty() ? "" : ",").append("{\"Name\":\"").append(bare)
                        .append("\",\"Type\":\"SecureString\",\"Value\":\"").append(value).append("\",\"Version\":1}");
            }
            answer(exchange, 200, "{\"InvalidParameters\":[],\"Parameters\":[" + parameters + "]}");
        });
        server.start();
        return server;
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] answer = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    /** A self-signed RSA certificate for 127.0.0.1 (SSM's own are RSA), made by the JDK's keytool: the HTTPS stand-in's. */
    private static Path selfSignedKeyStore(Path work) throws IOException, InterruptedException {
        Path keyStore = work.resolve("loopback.p12");
        keytool("-genkeypair", "-alias", "loopback", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", keyStore.toString(),
                "-storetype", "PKCS12", "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
        return keyStore;
    }

    /**
     * What the function's JVM trusts: a copy of the JDK's own cacerts with the stand-in's certificate added, so that
     * it loads a trust store of the usual size, as it does in Lambda.
     */
    private static Path trustStore(Path work, Path keyStore, String java) throws IOException, InterruptedException {
        Path certificate = work.resolve("loopback.cer");
        keytool("-exportcert", "-alias", "loopback", "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD,
                "-file", certificate.toString());
        Path trustStore = work.resolve("cacerts-and-loopback");
        Path javaHome = Path.of(java).toAbsolutePath().getParent().getParent();
        Path cacerts = javaHome.resolve("lib/security/cacerts");
        Files.copy(Files.isRegularFile(cacerts) ? cacerts : Path.of(System.getProperty("java.home"),
                "lib/security/cacerts"), trustStore);
        trustStore.toFile().setWritable(true);
        keytool("-importcert", "-noprompt", "-alias", "bench-loopback", "-file", certificate.toString(),
                "-keystore", trustStore.toString(), "-storepass", STORE_PASSWORD);
        return trustStore;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }

    /** A program that only reads the benchmark's four parameters through the function's SSM client. */
    private static Path fetchOnlyProgram(Path work, Path jar) throws IOException {
        Path directory = Files.createDirectories(work.resolve("fetch-only"));
        Path source = directory.resolve("FetchOnly.java");
        Files.writeString(source, """
                public class FetchOnly {
                    public static void main(String[] names) {
                        System.out.println(new dev.sdkauth.aws.SsmParameters(dev.sdkauth.Environment.system())
                                .get(java.util.List.of(names)).size() + " parameters");
                    }
                }
                """);
        if (ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-cp", jar.toString(),
                "-d", directory.toString(), source.toString()) != 0) {
            throw new IllegalStateException("could not compile the fetch-only program against " + jar);
        }
        return directory;
    }

    private static List<String> fetchCommand(String java, List<String> flags, Path jar, Path fetchOnly) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(flags);
        command.addAll(List.of("-cp", jar + System.getProperty("path.separator") + fetchOnly, "FetchOnly",
                "/bench/video-sdk/key", "/bench/video-sdk/secret", "/bench/meeting-sdk/key", "/bench/meeting-sdk/secret"));
        return command;
    }

    /** The floor: a JVM that starts, prints one line from a jar and exits. */
    public static Path bareJvmJar(Path work) throws IOException {
        Path source = work.resolve("Hello.java");
        Files.writeString(source, "public class Hello { public static void main(String[] a) {"
                + " System.out.println(\"hello\"); } }");
        if (ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-d",
                work.toString(), source.toString()) != 0) {
            throw new IllegalStateException("could not compile the bare-JVM program");
        }
        Path jar = work.resolve("hello.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar), manifest())) {
            out.putNextEntry(new java.util.jar.JarEntry("Hello.class"));
            out.write(Files.readAllBytes(work.resolve("Hello.class")));
        }
        return jar;
    }

    private static java.util.jar.Manifest manifest() {
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MAIN_CLASS, "Hello");
        return manifest;
    }

    public static List<String> command(String java, List<String> flags, Path jar, String... args) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(flags);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        return command;
    }

    public static String version(String java) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return text.lines().findFirst().orElse("?");
    }

    public static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static double medianLong(List<Long> values) {
        return median(values.stream().map(Long::doubleValue).toList());
    }

    public static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("options come in pairs: --name value");
        }
        return options;
    }
}
