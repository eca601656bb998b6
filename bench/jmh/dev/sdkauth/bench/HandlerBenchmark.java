package dev.sdkauth.bench;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.sdkauth.Environment;
import dev.sdkauth.handler.Door;
import dev.sdkauth.handler.HttpRequest;
import dev.sdkauth.handler.Response;
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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The warm handler end to end, as Lambda drives it: the raw bytes of a sample event in, the answer's bytes out
 * (read the event, validate, sign, write the answer and the log line), against the physical floor: one
 * HMAC-SHA256 over a token-sized input. Run with {@code bash bench/run warm}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2)
public class HandlerBenchmark {
    private static final String SECRET = "benchmark-secret-0123456789abcdefghijklm";
    private static final Pattern STATUS = Pattern.compile("\"statusCode\":(\\d+)");
    private static final Pattern TOKEN = Pattern.compile("\\\\\"signature\\\\\":\\\\\"([^\\\\]+)");

    private TokenHandler handler;
    private byte[] video;
    private byte[] videoHttpApi;
    private byte[] meeting;
    private byte[] invalid;
    private HttpRequest request;
    private Mac mac;
    private byte[] signingInput;

    @Setup
    public void setUp() throws Exception {
        handler = new TokenHandler(Environment.of(Map.of(
                "ZOOM_VIDEO_SDK_KEY", "BENCH_VIDEO_KEY", "ZOOM_VIDEO_SDK_SECRET", SECRET,
                "ZOOM_MEETING_SDK_KEY", "BENCH_MEETING_KEY", "ZOOM_MEETING_SDK_SECRET", SECRET,
                "ANONYMOUS_HOST_TOKENS", "true")), dev.sdkauth.Mode.DEPLOYED, Clock.systemUTC(), new Discard());
        video = Files.readAllBytes(Path.of("events/video-sdk.json"));
        videoHttpApi = Files.readAllBytes(Path.of("events/http-api-video-sdk.json"));
        meeting = Files.readAllBytes(Path.of("events/meeting-sdk.json"));
        invalid = Files.readAllBytes(Path.of("events/invalid-request.json"));
        check(video, 200);
        check(videoHttpApi, 200);
        request = HttpRequest.from(Door.REST_API).method("POST").path("/").headers(Map.of("content-type",
                "application/json", "origin", "https://app.example.com")).body("{\"sessionName\": \"Cool Cars\", "
                + "\"role\": 1, \"sessionKey\": \"session123\", \"userIdentity\": \"user123\", \"expirationSeconds\": "
                + "3600, \"geoRegions\": \"US,DE\"}", false).apiRequestId("c6af9ac6-7b61-11e6-9a41-93e8deadbeef").build();
        if (handler.handle(request, "bench").status() != 200) {
            throw new IllegalStateException("the request-only benchmark must issue a token");
        }
        check(meeting, 200);
        String answer = check(invalid, 400);
        // A token's signing input: the base64url header and payload of a typical Video SDK token.
        Matcher token = TOKEN.matcher(check(video, 200));
        if (!token.find()) {
            throw new IllegalStateException("no token in " + answer);
        }
        signingInput = token.group(1).substring(0, token.group(1).lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }

    private String check(byte[] event, int status) throws IOException {
        String answer = invoke(event).toString(StandardCharsets.UTF_8);
        Matcher matched = STATUS.matcher(answer);
        if (!matched.find() || Integer.parseInt(matched.group(1)) != status) {
            throw new IllegalStateException("expected " + status + ": " + answer);
        }
        return answer;
    }

    private ByteArrayOutputStream invoke(byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        return out;
    }

    @Benchmark
    public ByteArrayOutputStream videoSdkToken() throws IOException {
        return invoke(video);
    }

    @Benchmark
    public ByteArrayOutputStream videoSdkTokenHttpApi() throws IOException {
        return invoke(videoHttpApi);
    }

    @Benchmark
    public ByteArrayOutputStream meetingSdkToken() throws IOException {
        return invoke(meeting);
    }

    @Benchmark
    public ByteArrayOutputStream invalidRequest400() throws IOException {
        return invoke(invalid);
    }

    /**
     * The request as the handler routes it, without reading the event or writing the answer's bytes: what the
     * typed handler before issue 11 was measured on, when Lambda's runtime did that part.
     */
    @Benchmark
    public Response videoSdkTokenRequestOnly() {
        return handler.handle(request, "bench");
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
