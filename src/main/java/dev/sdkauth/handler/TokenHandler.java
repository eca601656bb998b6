package dev.sdkauth.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.sdkauth.Environment;
import dev.sdkauth.Text;
import dev.sdkauth.credentials.CredentialStore;
import dev.sdkauth.credentials.Credentials;
import dev.sdkauth.credentials.CredentialsUnavailable;
import dev.sdkauth.credentials.Product;
import dev.sdkauth.aws.SsmParameters;
import dev.sdkauth.policy.IssuancePolicy;
import dev.sdkauth.request.Rejection;
import dev.sdkauth.request.RequestBody;
import dev.sdkauth.request.ValidationError;
import dev.sdkauth.telemetry.RequestLog;
import dev.sdkauth.telemetry.RequestSummary;
import dev.sdkauth.token.Issued;
import dev.sdkauth.token.TokenService;
import org.crac.Core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The Lambda entry point: {@code POST /} issues Video SDK tokens, {@code POST /meeting} Meeting SDK tokens, behind
 * API Gateway (REST or HTTP API), a function URL or a load balancer. It takes the raw event rather than a typed one,
 * because no one event class fits every door, and reading the JSON itself spares the runtime's serializer at cold
 * start. Every answer, good or bad, is JSON with CORS headers, and every request leaves one log line
 * ({@link RequestLog}).
 */
public final class TokenHandler implements RequestStreamHandler {
    private final TokenService tokens;
    private final RequestBody bodies;
    private final Cors cors;
    private final LambdaLogger log;
    private final RequestLog requestLog;
    /** False until the first request: that one is logged as a cold start (after a SnapStart restore too). */
    private final AtomicBoolean served = new AtomicBoolean();
    /** Also what keeps the SnapStart hooks registered: CRaC holds its resources weakly. */
    private final Warmup warmup;

    enum Start { LAMBDA, NOW, ON_FIRST_REQUEST }

    /**
     * The constructor Lambda calls: configured from the process environment, no development credentials. Under
     * SnapStart the warm-up waits for the checkpoint hooks; otherwise it starts now, during the init phase. Request
     * lines go to standard output as they are, where CloudWatch reads their embedded metrics.
     */
    public TokenHandler() {
        this(Environment.system(), false, Clock.systemUTC(), LambdaRuntime.getLogger(), Start.LAMBDA,
                System.out::println);
    }

    /**
     * A handler that starts nothing until its first request (tests, benchmarks, priming).
     *
     * @param allowDevelopment sign with announced development credentials when a product is not configured at
     *                         all (the local CLI); inside Lambda that is a 503 instead
     */
    public TokenHandler(Environment env, boolean allowDevelopment, Clock clock, LambdaLogger log) {
        this(env, allowDevelopment, clock, log, Start.ON_FIRST_REQUEST, log::log);
    }

    /** The local CLI's handler ({@code serve}, {@code invoke}): development credentials allowed, warm-up now. */
    public static TokenHandler local(Environment env, Clock clock, LambdaLogger log) {
        return new TokenHandler(env, true, clock, log, Start.NOW, log::log);
    }

    TokenHandler(Environment env, boolean allowDevelopment, Clock clock, LambdaLogger log, Start start,
                 Consumer<String> requestLines) {
        this.log = log;
        Consumer<String> warn = message -> log.log(message, LogLevel.WARN);
        Duration ttl = Credentials.cacheTtl(env, log);
        SsmParameters ssm = new SsmParameters(env);
        CredentialStore credentials = Credentials.store(env, ssm, allowDevelopment, ttl, clock, log);
        this.warmup = new Warmup(credentials, ssm, log);
        // First of all, so that the credential fetch overlaps building everything else.
        if (start == Start.NOW
                || start == Start.LAMBDA && !"snap-start".equals(env.get("AWS_LAMBDA_INITIALIZATION_TYPE"))) {
            warmup.now();
        }
        if (start == Start.LAMBDA) {
            Core.getGlobalContext().register(warmup);
        }
        this.bodies = new RequestBody(); // after the fetch has started: its JSON factory takes ~15 ms to set up
        this.cors = new Cors(env.get("ALLOWED_ORIGINS"));
        IssuancePolicy policy = IssuancePolicy.from(env);
        if (policy.misconfiguration() != null) {
            // Names the settings and what is wrong with them, never their values (see IssuancePolicy.from).
            log.log(policy.misconfiguration() + "; every token request is answered 503 until it is fixed",
                    LogLevel.ERROR);
        }
        long leeway = env.seconds("ISSUED_AT_LEEWAY_SECONDS", TokenService.DEFAULT_ISSUED_AT_LEEWAY_SECONDS,
                TokenService.MAX_ISSUED_AT_LEEWAY_SECONDS, warn);
        this.tokens = new TokenService(credentials.source(Product.VIDEO_SDK), credentials.source(Product.MEETING_SDK),
                policy, clock, leeway);
        this.requestLog = new RequestLog(requestLines, env.get("METRICS_NAMESPACE"), clock);
    }

    /** The event as the door sent it, the answer in the shape the door expects. */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ProxyEvent event = ProxyEvent.read(input.readAllBytes());
        event.write(handle(event.request(), context == null ? null : context.getAwsRequestId()), output);
    }

    /** Answers one request and logs its line; also the entry point of the local server. */
    public Response handle(HttpRequest request, String requestId) {
        long started = System.nanoTime();
        boolean cold = !served.get() && served.compareAndSet(false, true);
        Map<String, String> headers = cors.headers(request.header("origin"),
                request.header("access-control-request-headers"));
        String route = switch (request.path()) {
            case "/" -> "video";
            case "/meeting" -> "meeting";
            default -> "unknown";
        };
        RequestSummary summary;
        Response response;
        try {
            Issued issued = answer(request, route, headers);
            if (issued == null) {
                response = Responses.json(204, null, headers);
                summary = RequestSummary.preflight(route, 204);
            } else {
                response = Responses.json(200, issued.answer(), headers);
                summary = RequestSummary.issued(route, issued.dialect() == null ? null : issued.dialect().label(),
                        issued.role());
            }
        } catch (Rejection rejection) {
            response = Responses.errors(rejection.status(), rejection.errors(), headers);
            summary = RequestSummary.rejected(route, rejection.code(), rejection.status());
        } catch (CredentialsUnavailable unavailable) {
            log.log("Answering 503: " + unavailable.getMessage(), LogLevel.ERROR);
            response = Responses.errors(503, List.of(new ValidationError(null, unavailable.getMessage())), headers);
            summary = RequestSummary.rejected(route, "credentials_unavailable", 503);
        } catch (RuntimeException bug) {
            // Only the type and where it was thrown: the message of an unexpected exception could echo input.
            StackTraceElement[] where = bug.getStackTrace();
            log.log("Answering 500 after an unexpected " + bug.getClass().getName()
                    + (where.length > 0 ? " at " + where[0] : ""), LogLevel.ERROR);
            response = Responses.errors(500, List.of(new ValidationError(null,
                    "Internal error while issuing the token; it has been logged")), headers);
            summary = RequestSummary.rejected(route, "internal_error", 500);
        }
        requestLog.write(requestId, request.apiRequestId(), request.door().label(), summary,
                (System.nanoTime() - started) / 1_000, cold);
        return response;
    }

    /** The token issued, or null for a preflight. */
    private Issued answer(HttpRequest request, String route, Map<String, String> headers) throws Rejection {
        if (request.unreadable() != null) {
            throw new Rejection(400, "malformed_event", request.unreadable());
        }
        if (request.method().equals("OPTIONS")) {
            // Every path, known or not: a browser reads the answer to its request only when the preflight passed,
            // so a 404 here would leave the page with "Failed to fetch" instead of the JSON 404 that follows.
            return null;
        }
        if (route.equals("unknown")) {
            throw new Rejection(404, "not_found", "No route for " + Text.clip(request.path(), 100)
                    + ": use POST / (Video SDK token) or POST /meeting (Meeting SDK token)");
        }
        if (!request.method().equals("POST")) {
            headers.put("Allow", Cors.METHODS);
            throw new Rejection(405, "method_not_allowed", "Method " + Text.clip(request.method(), 100)
                    + " is not allowed on " + Text.clip(request.path(), 100) + ": use POST");
        }
        Map<String, Object> body = bodies.parse(request.body(), request.base64Encoded());
        return route.equals("video") ? tokens.video(body, request.caller()) : tokens.meeting(body, request.caller());
    }
}
