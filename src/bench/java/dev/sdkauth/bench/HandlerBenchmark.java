package dev.sdkauth.bench;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.sdkauth.Environment;
import dev.sdkauth.handler.TokenHandler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The warm handler end to end on the sample proxy events (decode, validate, sign, serialise), against the
 * physical floor: one HMAC-SHA256 over a token-sized input. Run with {@code mvn -B -Pbench verify -DskipTests}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2)
public class HandlerBenchmark {
    private static final String SECRET = "benchmark-secret-0123456789abcdefghijklm";

    private TokenHandler handler;
    private APIGatewayProxyRequestEvent video;
    private APIGatewayProxyRequestEvent meeting;
    private APIGatewayProxyRequestEvent invalid;
    private Mac mac;
    private byte[] signingInput;

    @Setup
    public void setUp() throws Exception {
        handler = new TokenHandler(Environment.of(Map.of(
                "ZOOM_VIDEO_SDK_KEY", "BENCH_VIDEO_KEY", "ZOOM_VIDEO_SDK_SECRET", SECRET,
                "ZOOM_MEETING_SDK_KEY", "BENCH_MEETING_KEY", "ZOOM_MEETING_SDK_SECRET", SECRET)),
                false, Clock.systemUTC(), new Discard());
        video = EventLoader.loadApiGatewayRestEvent("events/video-sdk.json");
        meeting = EventLoader.loadApiGatewayRestEvent("events/meeting-sdk.json");
        invalid = EventLoader.loadApiGatewayRestEvent("events/invalid-request.json");
        check(video, 200);
        check(meeting, 200);
        check(invalid, 400);
        // A token's signing input: the base64url header and payload of a typical Video SDK token.
        String token = handler.handleRequest(video, null).getBody().split("\"")[3];
        signingInput = token.substring(0, token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }

    private void check(APIGatewayProxyRequestEvent event, int status) {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);
        if (response.getStatusCode() != status) {
            throw new IllegalStateException("expected " + status + ", got " + response.getStatusCode() + ": "
                    + response.getBody());
        }
    }

    @Benchmark
    public APIGatewayProxyResponseEvent videoSdkToken() {
        return handler.handleRequest(video, null);
    }

    @Benchmark
    public APIGatewayProxyResponseEvent meetingSdkToken() {
        return handler.handleRequest(meeting, null);
    }

    @Benchmark
    public APIGatewayProxyResponseEvent invalidRequest400() {
        return handler.handleRequest(invalid, null);
    }

    /** The floor: nothing but the HMAC every token needs. */
    @Benchmark
    public byte[] bareHmacSha256() {
        return mac.doFinal(signingInput);
    }

    private static final class Discard implements LambdaLogger {
        @Override
        public void log(String message) {
        }

        @Override
        public void log(byte[] message) {
        }
    }
}
