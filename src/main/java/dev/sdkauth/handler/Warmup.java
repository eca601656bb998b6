package dev.sdkauth.handler;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.sdkauth.Environment;
import dev.sdkauth.Json;
import dev.sdkauth.Mode;
import dev.sdkauth.credentials.CredentialStore;
import dev.sdkauth.aws.SsmParameters;
import dev.sdkauth.token.TokenSigner;
import org.crac.Context;
import org.crac.Resource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * Moves start-up work off the first request. Without SnapStart that is only the credential fetch, started in the
 * background. Under SnapStart, priming runs the whole request path (parse, validate, sign, serialise) on a
 * throwaway handler with a throwaway key before the snapshot, so the classes are loaded and linked there; the fetch
 * waits for the restore, so a snapshot never holds a credential, a token or a clock reading.
 */
final class Warmup implements Resource {
    /** Not a credential: it signs only the priming requests, whose answers are thrown away. */
    private static final String PRIMING_SECRET = "priming-only-secret-never-used-for-real-tokens";
    private static final Environment PRIMING_ENV = Environment.of(Map.of(
            "ZOOM_VIDEO_SDK_KEY", "priming", "ZOOM_VIDEO_SDK_SECRET", PRIMING_SECRET,
            "ZOOM_MEETING_SDK_KEY", "priming", "ZOOM_MEETING_SDK_SECRET", PRIMING_SECRET,
            "ANONYMOUS_HOST_TOKENS", "true"));
    /**
     * Event format, route, body, the status it must get: both Video SDK dialects, the Meeting SDK and the two kinds
     * of 400, through both event shapes (1.0 for REST APIs, 2.0 for HTTP APIs and function URLs).
     */
    private static final String[][] PRIMING_REQUESTS = {
            {"1.0", "/", "{\"sessionName\":\"priming\",\"role\":1,\"expirationSeconds\":\"3600\",\"geoRegions\":[\"US\"]}", "200"},
            {"2.0", "/", "{\"topic\":\"priming\",\"roleType\":0,\"expirationMinutes\":60}", "200"},
            {"1.0", "/meeting", "{\"meetingNumber\":\"123456789\",\"role\":0,\"expirationSeconds\":3600}", "200"},
            {"2.0", "/meeting", "{\"meetingNumber\":\"123456789\",\"role\":1}", "200"},
            {"1.0", "/", "{\"sessionName\":\"\",\"role\":\"1abc\"}", "400"},
            {"2.0", "/", "{not json", "400"},
    };

    private final CredentialStore credentials;
    private final SsmParameters ssm;
    private final LambdaLogger log;

    Warmup(CredentialStore credentials, SsmParameters ssm, LambdaLogger log) {
        this.credentials = credentials;
        this.ssm = ssm;
        this.log = log;
    }

    /**
     * Without a snapshot to come: fetch in the background, overlapping whatever comes before the first request
     * needs the credentials. While the fetch is out, this thread signs one throwaway token, which otherwise
     * happens after the fetch returns, on the first request's critical path (jjwt's classes and algorithm
     * registry: about 40 ms of a cold start). Whole-request priming is left out here: measured, it only competed
     * with the fetch for the CPU.
     */
    void now() {
        if (credentials.prefetch()) {
            TokenSigner.prime();
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        primeAndReport();
        ssm.prepare();
        credentials.forget();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        credentials.prefetch();
    }

    /**
     * The first round loads and links the request path; the others give the JIT what it needs to compile it, so
     * that compiled code, not the interpreter, answers the requests after a restore. Measured (docs/performance.md):
     * 100 rounds take about 0.3 s before the snapshot and bring the early requests from ~0.9 ms to ~0.2 ms.
     */
    static final int PRIMING_ROUNDS = 100;

    private void primeAndReport() {
        int expected = prime();
        for (int round = 1; round < PRIMING_ROUNDS; round++) {
            prime();
        }
        if (expected != PRIMING_REQUESTS.length) {
            // Only a slower first request follows from this, so it is worth a warning, not a failed start.
            log.log("Priming: " + (PRIMING_REQUESTS.length - expected) + " of " + PRIMING_REQUESTS.length
                    + " requests did not answer as expected", LogLevel.WARN);
        }
    }

    /** Answers how many priming requests got the status they should. */
    static int prime() {
        TokenHandler throwaway = new TokenHandler(PRIMING_ENV, Mode.DEPLOYED, Clock.systemUTC(), Silent.LOGGER);
        int expected = 0;
        for (String[] request : PRIMING_REQUESTS) {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                throwaway.handleRequest(new ByteArrayInputStream(event(request[0], request[1], request[2])), answer,
                        null);
                Object status = Json.at(Json.read(answer.toByteArray()), "statusCode");
                expected += request[3].equals(String.valueOf(status)) ? 1 : 0;
            } catch (IOException | RuntimeException unexpected) {
                // counted as not answering as expected; priming must never stop the function from starting
            }
        }
        return expected;
    }

    private static byte[] event(String format, String path, String body) {
        Map<String, Object> headers = Map.of("content-type", "application/json", "origin", "https://priming.invalid");
        Map<String, Object> event = format.equals("2.0")
                ? Map.of("version", "2.0", "rawPath", path, "headers", headers, "body", body, "isBase64Encoded", false,
                "requestContext", Map.of("http", Map.of("method", "POST", "path", path), "stage", "$default"))
                : Map.of("httpMethod", "POST", "path", path, "resource", path, "headers", headers, "body", body,
                "isBase64Encoded", false, "requestContext", Map.of("stage", "Prod"));
        return Json.write(event).getBytes(StandardCharsets.UTF_8);
    }

    /** Priming's own logger: its requests are not traffic and must not show up as such. */
    private enum Silent implements LambdaLogger {
        LOGGER;

        @Override
        public void log(String message) {
        }

        @Override
        public void log(byte[] message) {
        }

        @Override
        public void log(String message, LogLevel level) {
        }
    }
}
