package dev.sdkauth.handler;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.sdkauth.Environment;
import dev.sdkauth.Json;
import dev.sdkauth.Mode;
import dev.sdkauth.credentials.CredentialStore;
import dev.sdkauth.Text;
import dev.sdkauth.aws.LoopbackAws;
import dev.sdkauth.zoom.LoopbackZoom;
import dev.sdkauth.aws.SsmParameters;
import dev.sdkauth.credentials.CredentialStore;
import dev.sdkauth.credentials.Credentials;
import dev.sdkauth.credentials.Product;
import dev.sdkauth.token.TokenSigner;
import org.crac.Context;
import org.crac.Resource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves start-up work off the first request. Without SnapStart that is only the credential fetch, started in the
 * background. Under SnapStart, priming runs, before the snapshot, what the first request after a restore runs:
 * the whole request path (parse, validate, sign, serialise) on a throwaway handler with a throwaway key, and, when
 * the credentials come from SSM, the whole credential path (the container credentials request and its JSON, the
 * SigV4-signed GetParameters call over HTTPS and its JSON, the credential store) against a loopback stand-in of
 * both AWS endpoints with throwaway TLS ({@link LoopbackAws}), so that the classes are loaded and compiled there.
 * Nothing real is contacted: the fetch waits for the restore, so a snapshot never holds a credential, a token, a
 * clock reading, or TLS state of the real client (SECURITY.md, "SnapStart: what the snapshot may hold").
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

    /** Throwaway SSM parameters: what the priming products read, and what the loopback SSM answers. */
    private static final Map<String, String> PRIMING_PARAMETERS = Map.of(
            "/priming/video-sdk/key", "priming", "/priming/video-sdk/secret", PRIMING_SECRET,
            "/priming/meeting-sdk/key", "priming", "/priming/meeting-sdk/secret", PRIMING_SECRET);
    private static final Map<String, String> PRIMING_PRODUCTS = Map.of(
            "ZOOM_VIDEO_SDK_KEY_PARAMETER", "/priming/video-sdk/key",
            "ZOOM_VIDEO_SDK_SECRET_PARAMETER", "/priming/video-sdk/secret",
            "ZOOM_MEETING_SDK_KEY_PARAMETER", "/priming/meeting-sdk/key",
            "ZOOM_MEETING_SDK_SECRET_PARAMETER", "/priming/meeting-sdk/secret");

    private final CredentialStore credentials;
    private final SsmParameters ssm;
    private final LambdaLogger log;
    private final Map<String, String> primingParameters;

    Warmup(CredentialStore credentials, SsmParameters ssm, LambdaLogger log) {
        this(credentials, ssm, log, PRIMING_PARAMETERS);
    }

    /** @param primingParameters what the loopback SSM answers (tests leave one out to see priming fail) */
    Warmup(CredentialStore credentials, SsmParameters ssm, LambdaLogger log, Map<String, String> primingParameters) {
        this.credentials = credentials;
        this.ssm = ssm;
        this.log = log;
        this.primingParameters = primingParameters;
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
        // With every product's credentials in the environment the SSM client is never called: nothing to prime or
        // to prepare (and no trust store to read into the snapshot).
        if (credentials.fetchesFromSsm()) {
            primeCredentialPath();
            ssm.prepare();
        }
        if (credentials.hasS2s()) {
            primeZakPath();
        }
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

    /**
     * Fetches throwaway credentials from the loopback endpoints through a new credential store and SSM client each
     * round: each round makes a new TLS connection with a full handshake, as the first fetch after a restore does.
     * Measured (docs/performance.md, "A SnapStart restore"): {@value #CREDENTIAL_ROUNDS} rounds take the first
     * response after a restore with SSM from about 8× a bare JVM start to about 1×, for about 1.1 s more before the
     * snapshot; 100 and 300 rounds measured the same within noise, for more init.
     */
    static final int CREDENTIAL_ROUNDS = 30;

    private void primeCredentialPath() {
        int expected = 0;
        try (LoopbackAws aws = LoopbackAws.start(primingParameters)) {
            Map<String, String> variables = new HashMap<>(aws.environment());
            variables.putAll(PRIMING_PRODUCTS);
            Environment env = Environment.of(variables);
            for (int round = 0; round < CREDENTIAL_ROUNDS; round++) {
                CredentialStore store = Credentials.store(env, aws.client(env), false, Duration.ofMinutes(5),
                        Clock.systemUTC(), Silent.LOGGER);
                // As after a restore: the fetch in the background, the request waiting for it (or doing it).
                store.prefetch();
                expected += store.load(Product.VIDEO_SDK).key().equals("priming")
                        && store.load(Product.MEETING_SDK).key().equals("priming") ? 1 : 0;
            }
        } catch (IOException | GeneralSecurityException | RuntimeException failed) {
            // Only a slower first request after a restore follows from this; the reason never holds a secret (the
            // priming has none) but may name a loopback port or a TLS problem worth knowing about.
            log.log("Priming the credential path failed, so the first request after a restore sets it up: "
                    + failed.getClass().getSimpleName() + " " + Text.clip(failed.getMessage(), 200), LogLevel.WARN);
            return;
        }
        if (expected != CREDENTIAL_ROUNDS) {
            log.log("Priming the credential path: " + (CREDENTIAL_ROUNDS - expected) + " of " + CREDENTIAL_ROUNDS
                    + " rounds did not fetch the throwaway credentials", LogLevel.WARN);
        }
    }

    /** Enough for the JIT to compile the ZAK path, as for the credential path. */
    static final int ZAK_ROUNDS = 30;

    /**
     * With ZAKs on, the first ZAK request's path (the Server-to-Server grant, the ZAK call, their JSON) against a
     * Zoom played on loopback ({@link LoopbackZoom}): nothing of Zoom's is contacted, and no token is kept, since
     * each round's access-token cache is thrown away with it. Answers how many rounds got the throwaway ZAK.
     */
    int primeZakPath() {
        int expected = 0;
        try (LoopbackZoom zoom = LoopbackZoom.start()) {
            for (int round = 0; round < ZAK_ROUNDS; round++) {
                expected += zoom.primeOnce() ? 1 : 0;
            }
        } catch (IOException | RuntimeException | LinkageError failed) {
            // LinkageError too: a runtime image without the JDK's jdk.httpserver module must still start.
            log.log("Priming the ZAK path failed, so the first ZAK after a restore sets it up: "
                    + failed.getClass().getSimpleName() + " " + Text.clip(failed.getMessage(), 200), LogLevel.WARN);
            return 0;
        }
        if (expected != ZAK_ROUNDS) {
            log.log("Priming the ZAK path: " + (ZAK_ROUNDS - expected) + " of " + ZAK_ROUNDS
                    + " rounds did not fetch the throwaway ZAK", LogLevel.WARN);
        }
        return expected;
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

    /** An event as the door sends it: for REST, with the multi-value headers and request context it adds. */
    private static byte[] event(String format, String path, String body) {
        Map<String, Object> headers = Map.of("content-type", "application/json", "origin", "https://priming.invalid");
        Map<String, Object> event = format.equals("2.0")
                ? Map.of("version", "2.0", "rawPath", path, "headers", headers, "body", body, "isBase64Encoded", false,
                "requestContext", Map.of("http", Map.of("method", "POST", "path", path), "stage", "$default",
                        "requestId", "priming"))
                : Map.of("httpMethod", "POST", "path", path, "resource", path, "headers", headers,
                "multiValueHeaders", Map.of("content-type", List.of("application/json")), "body", body,
                "isBase64Encoded", false, "requestContext", Map.of("stage", "Prod", "requestId", "priming",
                        "identity", Map.of("sourceIp", "192.0.2.1")));
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
