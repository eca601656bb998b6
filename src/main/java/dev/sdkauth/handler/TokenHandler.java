package dev.sdkauth.handler;

import dev.sdkauth.Setting;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.sdkauth.Environment;
import dev.sdkauth.Mode;
import dev.sdkauth.Setting;
import dev.sdkauth.Text;
import dev.sdkauth.credentials.CredentialStore;
import dev.sdkauth.credentials.Credentials;
import dev.sdkauth.credentials.CredentialsUnavailable;
import dev.sdkauth.credentials.Product;
import dev.sdkauth.aws.SsmParameters;
import dev.sdkauth.policy.IssuancePolicy;
import dev.sdkauth.request.Reason;
import dev.sdkauth.request.Rejection;
import dev.sdkauth.request.RequestBody;
import dev.sdkauth.request.ValidationError;
import dev.sdkauth.telemetry.RequestLog;
import dev.sdkauth.telemetry.RequestSummary;
import dev.sdkauth.grants.Reply;
import dev.sdkauth.token.Issued;
import dev.sdkauth.token.TokenService;
import dev.sdkauth.zoom.Zaks;
import org.crac.Core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
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
    private final Mode mode;
    /** The routes of users' grants; null when GRANTS_TABLE is not set. */
    private final UserGrantsWiring grantRoutes;
    /** False until the first request: that one is logged as a cold start (after a SnapStart restore too). */
    private final AtomicBoolean served = new AtomicBoolean();
    /** Also what keeps the SnapStart hooks registered: CRaC holds its resources weakly. */
    private final Warmup warmup;

    enum Start { LAMBDA, NOW, ON_FIRST_REQUEST }

    /**
     * The constructor Lambda calls: configured from the process environment, deployed {@link Mode}. Under
     * SnapStart the warm-up waits for the checkpoint hooks; otherwise it starts now, during the init phase. Request
     * lines go to standard output as they are, where CloudWatch reads their embedded metrics.
     */
    public TokenHandler() {
        this(Environment.system(), Mode.DEPLOYED, Clock.systemUTC(), LambdaRuntime.getLogger(), Start.LAMBDA,
                System.out::println);
    }

    /** A handler that starts nothing until its first request (tests, benchmarks, priming). */
    public TokenHandler(Environment env, Mode mode, Clock clock, LambdaLogger log) {
        this(env, mode, clock, log, Start.ON_FIRST_REQUEST, log::log);
    }

    /** The local CLI's handler ({@code serve}, {@code invoke}): the local {@link Mode}, warm-up now. */
    public static TokenHandler local(Environment env, Clock clock, LambdaLogger log) {
        return new TokenHandler(env, Mode.LOCAL, clock, log, Start.NOW, log::log);
    }

    TokenHandler(Environment env, Mode mode, Clock clock, LambdaLogger log, Start start,
                 Consumer<String> requestLines) {
        this.log = log;
        this.mode = mode;
        Consumer<String> warn = message -> log.log(message, LogLevel.WARN);
        Duration ttl = Credentials.cacheTtl(env, log);
        SsmParameters ssm = new SsmParameters(env);
        CredentialStore credentials = Credentials.store(env, ssm, mode == Mode.LOCAL, ttl, clock, log);
        this.warmup = new Warmup(credentials, ssm, log);
        // First of all, so that the credential fetch overlaps building everything else.
        if (start == Start.NOW
                || start == Start.LAMBDA && !"snap-start".equals(env.get(Setting.AWS_LAMBDA_INITIALIZATION_TYPE))) {
            warmup.now();
        }
        if (start == Start.LAMBDA) {
            Core.getGlobalContext().register(warmup);
        }
        this.bodies = new RequestBody(); // after the fetch has started: its JSON factory takes ~15 ms to set up
        this.cors = new Cors(env.get(Setting.ALLOWED_ORIGINS));
        IssuancePolicy policy = IssuancePolicy.from(env, mode);
        if (policy.misconfiguration() != null) {
            // Names the settings and what is wrong with them, never their values (see IssuancePolicy.from).
            log.log(policy.misconfiguration() + "; every token request is answered 503 until it is fixed",
                    LogLevel.ERROR);
        }
        long leeway = env.seconds(Setting.ISSUED_AT_LEEWAY_SECONDS, TokenService.MAX_ISSUED_AT_LEEWAY_SECONDS, warn);
        this.tokens = new TokenService(credentials.source(Product.VIDEO_SDK), credentials.source(Product.MEETING_SDK),
                policy, credentials.hasS2s() ? () -> new Zaks(env, credentials, clock) : null, clock, leeway);
        this.requestLog = new RequestLog(requestLines, env.get(Setting.METRICS_NAMESPACE), clock);
        this.grantRoutes = env.get(Setting.GRANTS_TABLE) == null ? null
                : new UserGrantsWiring(env, credentials, clock);
    }

    /** The event as the door sent it, the answer in the shape the door expects. */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ProxyEvent event = ProxyEvent.read(input.readAllBytes());
        event.write(handle(event.incoming(), context == null ? null : context.getAwsRequestId()), output);
    }

    /** Answers one request and logs its line; also the entry point of the local server. */
    public Response handle(Incoming incoming, String requestId) {
        long started = System.nanoTime();
        boolean cold = !served.get() && served.compareAndSet(false, true);
        HttpRequest request = incoming instanceof HttpRequest readable ? readable : null;
        Map<String, String> headers = request == null ? cors.headers(null, null)
                : cors.headers(request.header("origin"), request.header("access-control-request-headers"));
        Route route = request == null ? Route.UNKNOWN : request.route();
        RequestSummary summary;
        Response response;
        try {
            Answered answered = answer(incoming, route);
            if (answered instanceof Answered.Preflight) {
                response = Responses.json(204, null, headers);
                summary = RequestSummary.preflight(route.label(), 204);
            } else if (answered instanceof Answered.Token token) {
                Issued issued = token.issued();
                response = Responses.json(200, issued.answer(), headers);
                summary = RequestSummary.issued(route.label(),
                        issued.dialect() == null ? null : issued.dialect().label(), issued.role());
            } else {
                Reply reply = ((Answered.Page) answered).reply();
                response = Responses.reply(reply, headers);
                summary = reply.status() == 200 && (route == Route.OBF || route == Route.USER_ZAK)
                        ? RequestSummary.issued(route.label(), null, null)
                        : RequestSummary.handled(route.label(), reply.status());
            }
        } catch (Rejection rejection) {
            summary = RequestSummary.rejected(route.label(), rejection.reason(), rejection.status());
            response = rejection.status() >= 500
                    ? failure(rejection.reason(), rejection.status(), describe(rejection), requestId,
                    with(headers, rejection.headers()))
                    : Responses.errors(rejection.status(), rejection.errors(), with(headers, rejection.headers()));
        } catch (CredentialsUnavailable unavailable) {
            summary = RequestSummary.rejected(route.label(), Reason.CREDENTIALS_UNAVAILABLE, 503);
            response = failure(Reason.CREDENTIALS_UNAVAILABLE, 503, unavailable.getMessage(), requestId, headers);
        } catch (RuntimeException bug) {
            // Only the type and where it was thrown: the message of an unexpected exception could echo input.
            StackTraceElement[] where = bug.getStackTrace();
            summary = RequestSummary.rejected(route.label(), Reason.INTERNAL_ERROR, 500);
            response = failure(Reason.INTERNAL_ERROR, 500, "an unexpected " + bug.getClass().getName()
                    + (where.length > 0 ? " at " + where[0] : ""), requestId, headers);
        }
        requestLog.write(requestId, request == null ? null : request.apiRequestId(), incoming.door().label(), summary,
                (System.nanoTime() - started) / 1_000, cold);
        return response;
    }

    /**
     * A failure of the endpoint itself. The log line holds the detail (never a secret: the detail texts are written
     * to be safe to show the operator). Deployed, the answer only says what kind of failure it was and gives the
     * request ID that finds that line: parameter names, endpoints, credential sources and exception text describe
     * the set-up to whoever asked. Locally the operator is the caller, so the detail stays in the answer.
     */
    private Response failure(Reason reason, int status, String detail, String requestId, Map<String, String> headers) {
        log.log("Answering " + status + " (" + reason.label() + ") to request " + requestId + ": " + detail,
                LogLevel.ERROR);
        if (mode == Mode.LOCAL) {
            return Responses.errors(status, List.of(new ValidationError(null, detail)), headers);
        }
        return Responses.failure(status, reason.publicSentence() + "; the operator finds the cause in the function's"
                + " log under request ID " + requestId, requestId, headers);
    }

    private static String describe(Rejection rejection) {
        StringBuilder text = new StringBuilder();
        for (ValidationError error : rejection.errors()) {
            text.append(text.length() == 0 ? "" : "; ").append(error.reason());
        }
        return text.toString();
    }

    private static Map<String, String> with(Map<String, String> headers, Map<String, String> more) {
        if (more.isEmpty()) {
            return headers;
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return all;
    }

    /** What a request came to, before it is put in its door's shape. */
    private sealed interface Answered {
        record Preflight() implements Answered {
        }

        record Token(Issued issued) implements Answered {
        }

        /** A route of users' grants: a token as text, a redirect, a page, a webhook's answer. */
        record Page(Reply reply) implements Answered {
        }
    }

    private Answered answer(Incoming incoming, Route route) throws Rejection {
        if (incoming instanceof UnreadableEvent unreadable) {
            throw new Rejection(400, Reason.MALFORMED_EVENT, unreadable.reason());
        }
        HttpRequest request = (HttpRequest) incoming;
        if (request.method().equals("OPTIONS")) {
            // Every path, known or not: a browser reads the answer to its request only when the preflight passed,
            // so a 404 here would leave the page with "Failed to fetch" instead of the JSON 404 that follows.
            return new Answered.Preflight();
        }
        if (route == Route.UNKNOWN || route.ofGrants() && grantRoutes == null) {
            throw new Rejection(404, Reason.NOT_FOUND, "No route for " + Text.clip(request.path(), 100)
                    + ": use POST / (Video SDK token) or POST /meeting (Meeting SDK token)"
                    + (route.ofGrants() ? "; users' grants are not enabled here (GRANTS_TABLE)" : ""));
        }
        if (!request.method().equals(route.method())) {
            throw new Rejection(405, Reason.METHOD_NOT_ALLOWED, List.of(new ValidationError(null, "Method "
                    + Text.clip(request.method(), 100) + " is not allowed on " + Text.clip(request.path(), 100)
                    + ": use " + route.method())), Map.of("Allow", route.method() + ", OPTIONS"));
        }
        return switch (route) {
            case VIDEO -> new Answered.Token(tokens.video(body(request), request.caller()));
            case MEETING -> new Answered.Token(tokens.meeting(body(request), request.caller()));
            case OAUTH_AUTHORIZE -> new Answered.Page(grantRoutes.userTokens().authorize(request.origin()));
            case OAUTH_CALLBACK -> new Answered.Page(grantRoutes.userTokens().callback(request.query(), request.origin()));
            case OBF -> new Answered.Page(grantRoutes.userTokens().obf(request.query(), request.headers()));
            case USER_ZAK -> new Answered.Page(grantRoutes.userTokens().zak(request.query(), request.headers()));
            case ZOOM_EVENTS -> new Answered.Page(grantRoutes.userTokens().event(text(request), request.headers()));
            case UNKNOWN -> throw new IllegalStateException("answered 404 above");
        };
    }

    private Map<String, Object> body(HttpRequest request) throws Rejection {
        return bodies.parse(request.body(), request.base64Encoded());
    }

    /** A webhook's body as Zoom sent it: its signature is over these exact bytes. */
    private String text(HttpRequest request) throws Rejection {
        return bodies.text(request.body(), request.base64Encoded());
    }
}
