package dev.sdkauth.bench;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.sdkauth.Environment;
import dev.sdkauth.handler.TokenHandler;
import dev.sdkauth.testing.MutableClock;
import dev.sdkauth.testing.ZoomStandIn;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A whole {@code POST /meeting} with {@code zakUser}, as Lambda drives the warm handler (event bytes in, answer
 * bytes out), its ZAK fetched from the loopback Zoom stand-in over HTTP: with the Server-to-Server access token
 * cached (one ZAK call a request), and cold (a grant and a ZAK call a request), beside the same request without
 * zakUser. Run with {@code bash bench/run warm ZakBenchmark}.
 *
 * <p>Cold is the access token gone stale before every request: the handler's clock moves on an hour a request, past
 * the token's renewal (3599 s less five minutes), so every ZAK needs a new grant, with the same warm handler, JIT and
 * kept-alive connections. A fresh stand-in and handlers each iteration keep the stand-in's own records (it notes
 * every call) from growing through a whole run. Each iteration ends by checking that the stand-in saw exactly the
 * grants and ZAK calls the case stands for, and that every answer was a 200.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
// The JDK's HttpServer (the stand-in's) writes an answer's headers and body apart; with Nagle's algorithm on, the
// body waits for the client's delayed ACK, about 40 ms a call on Linux loopback. Zoom's servers do not make a
// client wait so, and the stand-in is not what is measured: TCP_NODELAY on its sockets.
@Fork(value = 2, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
public class ZakBenchmark {
    private static final String SECRET = "benchmark-secret-0123456789abcdefghijklm";
    /** More than the access token's renewal point, so each cold request finds the token stale. */
    private static final Duration HOUR = Duration.ofHours(1);
    /** How the handler's answer to Lambda starts when it is a 200. */
    private static final byte[] OK = "{\"statusCode\":200,".getBytes(StandardCharsets.US_ASCII);

    private byte[] withZak;
    private byte[] withoutZak;
    private ZoomStandIn zoom;
    private TokenHandler cached;
    private MutableClock coldClock;
    private TokenHandler cold;
    private long cachedRequests;
    private long coldRequests;

    @Setup(Level.Trial)
    public void events() throws IOException {
        String meeting = Files.readString(Path.of("events/meeting-sdk.json"));
        String body = "\"body\": \"{\\\"meetingNumber\\\": \\\"85746065432\\\", \\\"role\\\": 0, \\\"expirationSeconds\\\": 7200}\"";
        if (!meeting.contains(body)) {
            throw new IllegalStateException("events/meeting-sdk.json no longer has the body this benchmark extends");
        }
        withoutZak = meeting.getBytes(StandardCharsets.UTF_8);
        withZak = meeting.replace(body, body.replace("7200}", "7200, \\\"zakUser\\\": \\\"bench@example.com\\\"}"))
                .getBytes(StandardCharsets.UTF_8);
    }

    @Setup(Level.Iteration)
    public void start() throws IOException {
        zoom = ZoomStandIn.http().user("uid-bench", "bench@example.com");
        Map<String, String> settings = new HashMap<>(zoom.environment());
        settings.putAll(Map.of("ZOOM_MEETING_SDK_KEY", "BENCH_MEETING_KEY", "ZOOM_MEETING_SDK_SECRET", SECRET,
                "ZAK_USERS", "*", "ANONYMOUS_HOST_TOKENS", "true"));
        Environment env = Environment.of(settings);
        cached = new TokenHandler(env, dev.sdkauth.Mode.DEPLOYED, Clock.systemUTC(), new Silent());
        coldClock = new MutableClock(Instant.now());
        cold = new TokenHandler(env, dev.sdkauth.Mode.DEPLOYED, coldClock, new Silent());
        // One request each before measuring: the cached handler's one grant, and the connections opened.
        for (TokenHandler handler : List.of(cached, cold)) {
            String answer = expect200(invoke(handler, withZak)).toString(StandardCharsets.UTF_8);
            if (!answer.contains("\\\"zak\\\":")) {
                throw new IllegalStateException("no ZAK in " + answer);
            }
        }
        expect200(invoke(cached, withoutZak));
        cachedRequests = 0;
        coldRequests = 0;
    }

    /** Zoom asked exactly what each case stands for: a grant per cold request, a ZAK call per ZAK request. */
    @TearDown(Level.Iteration)
    public void stop() {
        try {
            List<String> problems = zoom.problems();
            int grants = 2 + (int) coldRequests;
            int zakCalls = 2 + (int) (cachedRequests + coldRequests);
            if (!problems.isEmpty() || zoom.grants() != grants || zoom.zakCalls() != zakCalls) {
                throw new IllegalStateException("the stand-in saw " + zoom.grants() + " grants and " + zoom.zakCalls()
                        + " ZAK calls, expected " + grants + " and " + zakCalls + "; problems: " + problems);
            }
        } finally {
            zoom.close();
        }
    }

    /** The access token cached: one loopback call to Zoom, the ZAK. */
    @Benchmark
    public ByteArrayOutputStream zakCachedToken() throws IOException {
        cachedRequests++;
        return expect200(invoke(cached, withZak));
    }

    /** The access token stale: two loopback calls to Zoom, the grant then the ZAK. */
    @Benchmark
    public ByteArrayOutputStream zakColdToken() throws IOException {
        coldClock.advance(HOUR);
        coldRequests++;
        return expect200(invoke(cold, withZak));
    }

    /** The same request without zakUser: no call to Zoom, the baseline the two above add to. */
    @Benchmark
    public ByteArrayOutputStream meetingWithoutZak() throws IOException {
        return expect200(invoke(cached, withoutZak));
    }

    private static ByteArrayOutputStream invoke(TokenHandler handler, byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        return out;
    }

    /**
     * Throws unless the answer is a 200: a failed request (Zoom refusing, say) is not a figure. Only the answer's
     * first bytes are compared, so that the check costs next to nothing beside the request.
     */
    private static ByteArrayOutputStream expect200(ByteArrayOutputStream answer) {
        byte[] bytes = answer.toByteArray();
        if (!Arrays.equals(bytes, 0, Math.min(OK.length, bytes.length), OK, 0, OK.length)) {
            throw new IllegalStateException("expected a 200: " + answer.toString(StandardCharsets.UTF_8));
        }
        return answer;
    }

    /** The request log line of each request goes nowhere: writing it is measured, keeping it is not. */
    private static final class Silent implements LambdaLogger {
        @Override
        public void log(String message) {
            // discarded
        }

        @Override
        public void log(byte[] message) {
            // discarded
        }
    }
}
