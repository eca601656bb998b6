package dev.sdkauth.handler;

import dev.sdkauth.Text;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sdkauth.Environment;
import dev.sdkauth.credentials.CredentialStore;
import dev.sdkauth.credentials.Credentials;
import dev.sdkauth.credentials.CredentialsUnavailable;
import dev.sdkauth.credentials.Product;
import dev.sdkauth.credentials.SsmParameters;
import dev.sdkauth.policy.Caller;
import dev.sdkauth.policy.IssuancePolicy;
import dev.sdkauth.request.Rejection;
import dev.sdkauth.request.RequestBody;
import dev.sdkauth.request.ValidationError;
import dev.sdkauth.telemetry.RequestLog;
import dev.sdkauth.telemetry.RequestRecord;
import dev.sdkauth.token.TokenService;
import org.crac.Core;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The Lambda entry point behind an API Gateway REST API (proxy integration): {@code POST /} issues Video SDK
 * tokens, {@code POST /meeting} Meeting SDK tokens. Every answer, good or bad, is JSON with CORS headers, and every
 * request leaves one JSON line in the log (see {@link RequestLog}).
 */
public final class TokenHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private final TokenService tokens;
    private final RequestBody bodies;
    private final Responses responses = new Responses();
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
        this.cors = new Cors(env.get("ALLOWED_ORIGINS"));
        this.bodies = new RequestBody();
        IssuancePolicy policy = IssuancePolicy.from(env);
        if (policy.misconfiguration() != null) {
            // Names the settings and what is wrong with them, never their values (see IssuancePolicy.from).
            log.log(policy.misconfiguration() + "; every token request is answered 503 until it is fixed",
                    LogLevel.ERROR);
        }
        this.tokens = new TokenService(credentials.source(Product.VIDEO_SDK), credentials.source(Product.MEETING_SDK),
                policy, clock);
        this.requestLog = new RequestLog(requestLines, env.get("METRICS_NAMESPACE"), clock);
    }

    private enum Route { VIDEO_SDK, MEETING_SDK }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        long started = System.nanoTime();
        boolean cold = !served.get() && served.compareAndSet(false, true);
        // A null event (an event file holding null) is judged like an empty request, not dereferenced.
        APIGatewayProxyRequestEvent event = request != null ? request : new APIGatewayProxyRequestEvent();
        RequestRecord record = new RequestRecord();
        APIGatewayProxyResponseEvent response = answer(event, record);
        requestLog.write(context == null ? null : context.getAwsRequestId(),
                event.getRequestContext() == null ? null : event.getRequestContext().getRequestId(),
                record, response.getStatusCode(), (System.nanoTime() - started) / 1_000, cold);
        return response;
    }

    private APIGatewayProxyResponseEvent answer(APIGatewayProxyRequestEvent event, RequestRecord record) {
        Map<String, String> headers = cors.headers(header(event, "Origin"),
                header(event, "Access-Control-Request-Headers"));
        String path = path(event);
        String method = event.getHttpMethod() == null ? "" : event.getHttpMethod().toUpperCase(Locale.ROOT);
        try {
            Route route = route(event, path);
            if (route == null) {
                throw new Rejection(404, "not_found", "No route for " + Text.clip(path, 100)
                        + ": use POST / (Video SDK token) or POST /meeting (Meeting SDK token)");
            }
            record.route(route == Route.VIDEO_SDK ? "video" : "meeting");
            if (method.equals("OPTIONS")) {
                record.preflight();
                return responses.json(204, null, headers);
            }
            if (!method.equals("POST")) {
                headers.put("Allow", Cors.METHODS);
                throw new Rejection(405, "method_not_allowed", "Method " + Text.clip(method, 100) + " is not allowed on "
                        + Text.clip(path, 100) + ": use POST");
            }
            ObjectNode body = bodies.parse(event.getBody(), Boolean.TRUE.equals(event.getIsBase64Encoded()));
            Caller caller = Caller.of(event.getRequestContext());
            ObjectNode answer = route == Route.VIDEO_SDK ? tokens.video(body, caller, record)
                    : tokens.meeting(body, caller, record);
            record.issued();
            return responses.json(200, answer, headers);
        } catch (Rejection rejection) {
            record.rejected(rejection.code());
            return responses.errors(rejection.status(), rejection.errors(), headers);
        } catch (CredentialsUnavailable unavailable) {
            record.rejected("credentials_unavailable");
            log.log("Answering 503: " + unavailable.getMessage(), LogLevel.ERROR);
            return responses.errors(503, List.of(new ValidationError(null, unavailable.getMessage())), headers);
        } catch (RuntimeException bug) {
            record.rejected("internal_error");
            // Only the type and where it was thrown: the message of an unexpected exception could echo input.
            StackTraceElement[] where = bug.getStackTrace();
            log.log("Answering 500 after an unexpected " + bug.getClass().getName()
                    + (where.length > 0 ? " at " + where[0] : ""), LogLevel.ERROR);
            return responses.errors(500, List.of(new ValidationError(null,
                    "Internal error while issuing the token; it has been logged")), headers);
        }
    }

    /** Routes by the API Gateway resource when it is one of ours (robust to custom-domain base paths), else by path. */
    private static Route route(APIGatewayProxyRequestEvent event, String path) {
        String resource = event.getResource();
        String key = "/".equals(resource) || "/meeting".equals(resource) ? resource : path;
        return switch (key) {
            case "/" -> Route.VIDEO_SDK;
            case "/meeting" -> Route.MEETING_SDK;
            default -> null;
        };
    }

    private static String path(APIGatewayProxyRequestEvent event) {
        String path = event.getPath() != null ? event.getPath() : event.getResource();
        if (path == null || path.isEmpty()) {
            return "/";
        }
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }

    /** Header names are case-insensitive, and either map may be missing or hold nulls. */
    private static String header(APIGatewayProxyRequestEvent event, String name) {
        if (event.getHeaders() != null) {
            for (Map.Entry<String, String> header : event.getHeaders().entrySet()) {
                if (name.equalsIgnoreCase(header.getKey()) && header.getValue() != null) {
                    return header.getValue();
                }
            }
        }
        if (event.getMultiValueHeaders() != null) {
            for (Map.Entry<String, List<String>> header : event.getMultiValueHeaders().entrySet()) {
                List<String> values = header.getValue();
                if (name.equalsIgnoreCase(header.getKey()) && values != null && !values.isEmpty()) {
                    return values.get(0);
                }
            }
        }
        return null;
    }

}
