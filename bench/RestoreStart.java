import com.fasterxml.jackson.databind.JsonNode;
import dev.sdkauth.Environment;
import dev.sdkauth.aws.SsmParameters;
import dev.sdkauth.testing.ContainerCredentialsStandIn;
import dev.sdkauth.testing.Jwt;
import dev.sdkauth.testing.Proxy;
import dev.sdkauth.testing.RuntimeApiStandIn;
import dev.sdkauth.testing.SelfSignedTls;
import dev.sdkauth.testing.SsmStandIn;
import dev.sdkauth.testing.TaskRoot;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A SnapStart restore as Lambda drives it, timed: the packaged function under Lambda's own runtime interface
 * client, started through the harness RuntimeClientIT uses ({@code testing/TaskRoot}, {@code RuntimeApiStandIn}),
 * with the managed runtime's flags for java25 under SnapStart. The runtime client runs the checkpoint hooks, calls
 * {@code /restore/next} (in Lambda the snapshot is taken while that call is out), then runs the restore hooks and
 * takes the first event. No snapshot can be taken here, so the process that ran the checkpoint hooks carries on
 * after the restore: loaded classes and compiled code are kept, as a real restore keeps them, but nothing is paged
 * back in from a snapshot, and anything the JVM still had to do when the snapshot would have been taken (queued
 * compilations) goes on in the background, as it would after a real restore.
 *
 * <p>Three cases, alternated round by round so that drift on the machine hits all of them alike:
 * <ul>
 *   <li>credentials from SSM: the AWS credentials from a container credentials stand-in (handed out only after the
 *       restore, as Lambda's are), the SDK keys from an SSM stand-in over HTTPS that checks every SigV4 signature,
 *       with an RSA 2048 certificate as SSM's are, trusted through a copy of the JDK's cacerts loaded without a
 *       password, as Lambda loads its default store;</li>
 *   <li>credentials from the environment: no AWS call at all;</li>
 *   <li>a bare JVM that prints one line ({@code java -cp DIR Hello}, the same JDK): the ratio's denominator.</li>
 * </ul>
 * Reported per case: restore → first response (from the answer to {@code /restore/next} to the arrival of the first
 * event's answer at the Runtime API), and the init before the snapshot (process start → {@code /restore/next}),
 * which Lambda pays once per published version. Every run is checked (a 200 with a token signed with the right
 * secret, one credential fetch and one SSM call, both after the restore, no SigV4 problem, one log line on standard
 * output, nothing on standard error), so a broken build cannot produce a fast number.
 *
 * <pre>
 *   bash bench/run restore [--rounds 11] [--pause-ms 0] [--event events/video-sdk.json] [--jvm-flags "..."]
 *                          [--zaks on]
 * </pre>
 * {@code --jvm-flags} go to the function's JVM after the managed runtime's own (diagnostics such as
 * {@code -Xlog:class+load}).
 * {@code --pause-ms} holds {@code /restore/next} that long before answering it: the time between the hooks and the
 * snapshot, during which background compilation still runs.
 */
public final class RestoreStart {
    private static final String SECRET = "restore-bench-secret-0123456789-0123456789";
    private static final String TOKEN = "container-authorization-token";
    private static final Map<String, String> PARAMETERS = Map.of("/bench/video-sdk/key", "VIDEO_KEY",
            "/bench/video-sdk/secret", SECRET, "/bench/meeting-sdk/key", "MEETING_KEY",
            "/bench/meeting-sdk/secret", SECRET);

    private static final int WARM_UP_CALLS = 300;

    private record Run(double restoreToFirstMillis, double initMillis) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ColdStart.options(args);
        int rounds = Integer.parseInt(options.getOrDefault("--rounds", "11"));
        long pauseMillis = Long.parseLong(options.getOrDefault("--pause-ms", "0"));
        List<String> jvmFlags = options.containsKey("--jvm-flags")
                ? List.of(options.get("--jvm-flags").trim().split("\\s+")) : List.of();
        String event = Files.readString(Path.of(options.getOrDefault("--event", "events/video-sdk.json")));
        if (rounds < 5) {
            throw new IllegalArgumentException("at least 5 rounds: the medians are what is reported");
        }
        // The stand-ins write each answer whole, as AWS does (see ColdStart.java on the JDK server's Nagle stall).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        SelfSignedTls tls = SelfSignedTls.rsa();
        try (TaskRoot taskRoot = TaskRoot.unpack();
             SsmStandIn ssm = SsmStandIn.https(tls.serverContext());
             ContainerCredentialsStandIn credentials = new ContainerCredentialsStandIn(TOKEN, ssm,
                     Clock.systemUTC())) {
            PARAMETERS.forEach(ssm::put);
            warm(ssm, credentials, tls);
            TaskRoot.Jdk jdk = taskRoot.java();
            Path javaHome = jdk.java().getParent().getParent();
            List<String> trusting = new ArrayList<>(jvmFlags);
            trusting.add("-Djavax.net.ssl.trustStore=" + tls.trustStoreWithJdkRoots(javaHome));
            Map<String, String> fromSsm = new HashMap<>(Map.of(
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI", credentials.url(),
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN", TOKEN, "AWS_ENDPOINT_URL_SSM", ssm.url()));
            fromSsm.putAll(Map.of("ZOOM_VIDEO_SDK_KEY_PARAMETER", "/bench/video-sdk/key",
                    "ZOOM_VIDEO_SDK_SECRET_PARAMETER", "/bench/video-sdk/secret",
                    "ZOOM_MEETING_SDK_KEY_PARAMETER", "/bench/meeting-sdk/key",
                    "ZOOM_MEETING_SDK_SECRET_PARAMETER", "/bench/meeting-sdk/secret"));
            // --zaks on: a Server-to-Server app configured too (issue 24), so the checkpoint hooks prime the ZAK path;
            // the timed request is the same, and nothing calls Zoom.
            if ("on".equals(options.get("--zaks"))) {
                fromSsm.putAll(Map.of("ZOOM_S2S_ACCOUNT_ID", "bench-account", "ZOOM_S2S_CLIENT_ID", "bench-client",
                        "ZOOM_S2S_CLIENT_SECRET", "bench-secret", "ZAK_USERS", "*"));
            }
            Map<String, String> fromEnvironment = Map.of("ZOOM_VIDEO_SDK_KEY", "VIDEO_KEY",
                    "ZOOM_VIDEO_SDK_SECRET", SECRET, "ZOOM_MEETING_SDK_KEY", "MEETING_KEY",
                    "ZOOM_MEETING_SDK_SECRET", SECRET);
            Path hello = ColdStart.bareJvmJar(Files.createTempDirectory("bare-jvm"));

            System.out.printf("java: %s (%s)%nrounds: %d, cases alternated; /restore/next held %d ms%n%n",
                    jdk.java(), ColdStart.version(jdk.java().toString()), rounds, pauseMillis);
            List<Double> bare = new ArrayList<>();
            List<Run> withSsm = new ArrayList<>();
            List<Run> withEnvironment = new ArrayList<>();
            for (int round = -2; round < rounds; round++) { // two unrecorded rounds warm the page cache
                double bareMillis = bare(jdk, hello);
                Run ssmRun = restore(taskRoot, jdk, fromSsm, trusting, event, pauseMillis, ssm, credentials);
                Run envRun = restore(taskRoot, jdk, fromEnvironment, jvmFlags, event, pauseMillis, null, null);
                if (round >= 0) {
                    bare.add(bareMillis);
                    withSsm.add(ssmRun);
                    withEnvironment.add(envRun);
                }
            }
            double bareMedian = ColdStart.median(bare);
            System.out.println("| case | restore → first response, median ms (min–max) | × bare JVM | init before"
                    + " the snapshot, median ms |");
            System.out.println("|---|---:|---:|---:|");
            System.out.printf(Locale.ROOT, "| bare JVM, prints one line (whole process) | %.0f (%.0f–%.0f) | 1.00× "
                    + "| — |%n", bareMedian, min(bare), max(bare));
            row("credentials from SSM over HTTPS, AWS credentials from the container endpoint", withSsm, bareMedian);
            row("credentials from the environment", withEnvironment, bareMedian);
        }
    }

    private static void row(String name, List<Run> runs, double bareMedian) {
        List<Double> restore = runs.stream().map(Run::restoreToFirstMillis).toList();
        List<Double> init = runs.stream().map(Run::initMillis).toList();
        double median = ColdStart.median(restore);
        System.out.printf(Locale.ROOT, "| %s | %.1f (%.1f–%.1f) | %.2f× | %.0f |%n", name, median, min(restore),
                max(restore), median / bareMedian, ColdStart.median(init));
    }

    /**
     * One SnapStart start: init and checkpoint hooks, {@code /restore/next}, restore hooks, one event. With an SSM
     * stand-in, checks that nothing reached it (or the credentials endpoint) before the restore, and one call each
     * after it.
     */
    private static Run restore(TaskRoot taskRoot, TaskRoot.Jdk jdk, Map<String, String> env, List<String> flags,
                               String event, long pauseMillis, SsmStandIn ssm, ContainerCredentialsStandIn credentials)
            throws Exception {
        Path out = Files.createTempFile("restore", ".out");
        Path err = Files.createTempFile("restore", ".err");
        int ssmBefore = ssm == null ? 0 : ssm.count();
        int fetchesBefore = credentials == null ? 0 : credentials.fetches();
        long[] restoreCalledAt = new long[1];
        List<String> early = new ArrayList<>();
        try (RuntimeApiStandIn api = new RuntimeApiStandIn()) {
            api.onRestore(() -> {
                restoreCalledAt[0] = System.nanoTime();
                if (ssm != null && (ssm.count() != ssmBefore || credentials.fetches() != fetchesBefore)) {
                    early.add("fetched before the snapshot");
                }
                pause(pauseMillis);
            });
            api.queue("req-0", event);
            long started = System.nanoTime();
            Process process = taskRoot.start(api, jdk, "snap-start", env, flags, out, err);
            String answer;
            try {
                answer = api.response("req-0");
            } finally {
                process.destroy();
                process.waitFor(20, TimeUnit.SECONDS);
            }
            String stdout = Files.readString(out);
            String stderr = Files.readString(err);
            ColdStart.check(answer != null, "no answer; Runtime API errors " + api.errors, stdout, stderr);
            JsonNode response = Proxy.json(answer);
            ColdStart.check(response.get("statusCode").intValue() == 200, "not a 200: " + answer, stdout, stderr);
            Jwt.verify(Proxy.json(response.get("body").textValue()).get("signature").textValue(), SECRET);
            ColdStart.check(api.errors.isEmpty(), "Runtime API errors " + api.errors, stdout, stderr);
            ColdStart.check(early.isEmpty(), "credentials fetched before the snapshot", stdout, stderr);
            if (ssm != null) {
                ColdStart.check(ssm.count() == ssmBefore + 1 && credentials.fetches() == fetchesBefore + 1,
                        (ssm.count() - ssmBefore) + " SSM calls, " + (credentials.fetches() - fetchesBefore)
                                + " credential fetches", stdout, stderr);
                ColdStart.check(ssm.problems().isEmpty(), "SSM stand-in: " + ssm.problems(), stdout, stderr);
            }
            ColdStart.check(stderr.isEmpty() && stdout.lines().count() == 1, "not exactly one log line", stdout,
                    stderr);
            return new Run((api.answeredAtNanos("req-0") - api.restoredAtNanos()) / 1e6,
                    (restoreCalledAt[0] - started) / 1e6);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /**
     * Warms the stand-ins' own code (TLS server handshakes with the RSA key, SigV4 checks, the credentials
     * endpoint) with {@value #WARM_UP_CALLS} full calls from this JVM, each on a new connection with a new TLS
     * context (no session to resume), so that what is timed is the function's work, not the stand-ins' first
     * uses of their own code: SSM's servers are warm.
     */
    private static void warm(SsmStandIn ssm, ContainerCredentialsStandIn credentials, SelfSignedTls tls)
            throws Exception {
        String keepAlive = System.getProperty("http.keepAlive");
        System.setProperty("http.keepAlive", "false");
        SSLSocketFactory previous = HttpsURLConnection.getDefaultSSLSocketFactory();
        try {
            Environment env = Environment.of(Map.of("AWS_REGION", SsmStandIn.REGION,
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI", credentials.url(),
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN", TOKEN, "AWS_ENDPOINT_URL_SSM", ssm.url(),
                    "AWS_SHARED_CREDENTIALS_FILE", "/nonexistent", "AWS_CONFIG_FILE", "/nonexistent"));
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(tls.keyStore())) {
                trusted.load(in, SelfSignedTls.PASSWORD.toCharArray());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            for (int call = 0; call < WARM_UP_CALLS; call++) {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, trust.getTrustManagers(), null);
                HttpsURLConnection.setDefaultSSLSocketFactory(context.getSocketFactory());
                new SsmParameters(env).get(List.copyOf(PARAMETERS.keySet()));
            }
        } finally {
            HttpsURLConnection.setDefaultSSLSocketFactory(previous);
            if (keepAlive == null) {
                System.clearProperty("http.keepAlive");
            } else {
                System.setProperty("http.keepAlive", keepAlive);
            }
        }
        ColdStart.check(ssm.problems().isEmpty(), "SSM stand-in: " + ssm.problems(), "", "");
    }

    /** The bare JVM of ColdStart.java, on the function's JDK: the whole process, start to exit. */
    private static double bare(TaskRoot.Jdk jdk, Path hello) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(ColdStart.command(jdk.java().toString(), List.of(), hello))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        ColdStart.check(process.waitFor() == 0 && output.strip().equals("hello"), "bare JVM failed", output, "");
        return (System.nanoTime() - start) / 1e6;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }
}
