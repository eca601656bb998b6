package dev.sdkauth.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.net.ssl.SSLContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SSM's GetParameters on a loopback socket (HTTP, or HTTPS with a given context), answering as SSM does: the
 * parameters it holds, {@code InvalidParameters} for the rest, and errors as JSON with {@code __type} and HTTP
 * statuses. Every request is checked independently of the production code: the SigV4 signature is recomputed with
 * the test's secret through {@link SigV4} (itself held to AWS's published example); the signed headers must include
 * host, x-amz-date, x-amz-target (and x-amz-security-token with a session token); the credential scope must be
 * this region and {@code ssm}; the date within five minutes of this server's clock; X-Amz-Target, Content-Type and
 * the body must be GetParameters'. A request off the protocol is recorded as a problem for the test to fail on
 * ({@link #problems()}); an authentication failure is answered as SSM would and recorded too, unless the test said
 * it expects one.
 */
public final class SsmStandIn implements AutoCloseable {
    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY_ID = "AKIDEXAMPLE";
    public static final String SECRET_ACCESS_KEY = "aws-test-secret-access-key";
    private static final Duration ALLOWED_SKEW = Duration.ofMinutes(5);
    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, "
                    + "SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** One access key the stand-in knows: its secret, the session token it needs (or null), whether it expired. */
    private record Key(String secret, String sessionToken, boolean expired) {
    }

    /** What the stand-in saw of one request. */
    public record Call(String accessKeyId, List<String> names, Map<String, List<String>> headers, String body,
                       String refusedWith, int clientPort) {
    }

    /** An answer: status and JSON body; {@link #DROP} closes the connection without answering. */
    public record Reply(int status, String body) {
        public static final Reply DROP = new Reply(-1, "");

        public static Reply error(int status, String type, String message) {
            return new Reply(status, "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
        }
    }

    private final HttpServer server;
    private final Map<String, Key> keys = new ConcurrentHashMap<>();
    private final Map<String, String[]> parameters = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final Deque<Reply> scripted = new ArrayDeque<>();
    private volatile Function<Call, Reply> behaviour = call -> null;
    private volatile boolean authFailuresExpected;

    private SsmStandIn(SSLContext tls) {
        allow(ACCESS_KEY_ID, SECRET_ACCESS_KEY, null);
        this.server = LoopbackServer.start("ssm-stand-in", tls, this::handle);
    }

    /** Plain HTTP on 127.0.0.1. */
    public static SsmStandIn http() {
        return new SsmStandIn(null);
    }

    /** HTTPS on 127.0.0.1 with the given server context (see {@link SelfSignedTls}). */
    public static SsmStandIn https(SSLContext context) {
        return new SsmStandIn(context);
    }

    public String url() {
        return LoopbackServer.url(server);
    }

    /** The variables a function needs to call this stand-in with the default key. */
    public Map<String, String> environment() {
        return Map.of("AWS_REGION", REGION, "AWS_ACCESS_KEY_ID", ACCESS_KEY_ID,
                "AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY, "AWS_ENDPOINT_URL_SSM", url());
    }

    /** Accepts requests signed with this key (and, when given, carrying this session token). */
    public SsmStandIn allow(String accessKeyId, String secret, String sessionToken) {
        keys.put(accessKeyId, new Key(secret, sessionToken, false));
        return this;
    }

    /** From now on this key's session token has expired (ExpiredTokenException). */
    public void expire(String accessKeyId) {
        keys.computeIfPresent(accessKeyId, (id, key) -> new Key(key.secret(), key.sessionToken(), true));
    }

    public SsmStandIn put(String name, String type, String value) {
        parameters.put(name, new String[]{type, value});
        return this;
    }

    /** A String parameter, or a SecureString when its name ends with "secret". */
    public SsmStandIn put(String name, String value) {
        return put(name, name.endsWith("secret") ? "SecureString" : "String", value);
    }

    public void clear() {
        parameters.clear();
    }

    /** The next requests (that pass authentication) get these answers, in order; then normal service resumes. */
    public void answer(Reply... replies) {
        synchronized (scripted) {
            scripted.addAll(Arrays.asList(replies));
        }
    }

    /** Every request that passes authentication gets this answer, until {@link #normal()}. */
    public void always(Reply reply) {
        behaviour = call -> reply;
    }

    /** A policy deciding each authenticated request's answer (null: answer normally), e.g. a rate limit. */
    public void behaviour(Function<Call, Reply> policy) {
        behaviour = policy;
    }

    public void normal() {
        behaviour = call -> null;
        synchronized (scripted) {
            scripted.clear();
        }
    }

    /** Authentication failures are what the test is about: answer them without recording a problem. */
    public void expectAuthFailures() {
        authFailuresExpected = true;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public int count() {
        return calls.size();
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, List<String>> headers = new LinkedHashMap<>(exchange.getRequestHeaders());
        String text = new String(body, StandardCharsets.UTF_8);
        String accessKeyId = null;
        List<String> names = null;
        Reply reply;
        try {
            Matcher authorization = AUTHORIZATION.matcher(first(headers, "Authorization"));
            accessKeyId = authorization.matches() ? authorization.group(1) : null;
            names = names(text);
            reply = authenticate(exchange, headers, body, authorization);
            if (reply == null) {
                reply = shape(exchange, headers, names);
            }
        } catch (RuntimeException | IOException unexpected) {
            problems.add("stand-in could not judge a request: " + unexpected);
            reply = Reply.error(400, "SerializationException", "stand-in: " + unexpected.getMessage());
        }
        Call call = new Call(accessKeyId, names, headers, text, reply == null ? null : type(reply),
                exchange.getRemoteAddress().getPort());
        if (reply == null) {
            synchronized (scripted) {
                reply = scripted.poll();
            }
            if (reply == null) {
                reply = behaviour.apply(call);
            }
            if (reply == null) {
                reply = parameters(names);
            }
        }
        calls.add(call);
        if (reply == Reply.DROP) {
            exchange.close();
            return;
        }
        byte[] answer = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", "stand-in-" + calls.size());
        exchange.sendResponseHeaders(reply.status(), answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    /** SigV4, as SSM checks it; null when the request may pass. */
    private Reply authenticate(HttpExchange exchange, Map<String, List<String>> headers, byte[] body,
                               Matcher authorization) {
        if (first(headers, "Authorization").isEmpty()) {
            return refuse(400, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        if (!authorization.matches()) {
            return problem("Authorization header not in SigV4 form: " + first(headers, "Authorization"),
                    Reply.error(400, "IncompleteSignatureException", "Authorization header requires parameters"));
        }
        String date = authorization.group(2);
        String region = authorization.group(3);
        String service = authorization.group(4);
        List<String> signed = List.of(authorization.group(5).split(";"));
        for (String required : List.of("host", "x-amz-date", "x-amz-target")) {
            if (!signed.contains(required)) {
                return problem(required + " is not signed: " + signed,
                        Reply.error(400, "IncompleteSignatureException", required + " must be signed"));
            }
        }
        for (String name : signed) {
            if (first(headers, name).isEmpty() && !name.equals("host")) {
                return problem("signed header " + name + " was not sent",
                        Reply.error(400, "IncompleteSignatureException", "signed header missing"));
            }
        }
        if (!region.equals(REGION) || !service.equals("ssm")) {
            return problem("credential scope " + region + "/" + service + ", expected " + REGION + "/ssm",
                    Reply.error(400, "InvalidSignatureException", "Credential should be scoped to a valid region"));
        }
        String amzDate = first(headers, "X-Amz-Date");
        if (!amzDate.startsWith(date)) {
            return problem("scope date " + date + " differs from X-Amz-Date " + amzDate,
                    Reply.error(400, "InvalidSignatureException", "Date in Credential scope does not match"));
        }
        Key key = keys.get(authorization.group(1));
        if (key == null) {
            return refuse(400, "UnrecognizedClientException", "The security token included in the request is invalid.");
        }
        String token = first(headers, "X-Amz-Security-Token");
        if (key.sessionToken() != null || !token.isEmpty()) {
            if (!signed.contains("x-amz-security-token")) {
                return problem("x-amz-security-token is sent but not signed: " + signed,
                        Reply.error(400, "IncompleteSignatureException", "x-amz-security-token must be signed"));
            }
            if (!token.equals(key.sessionToken())) {
                return refuse(400, "UnrecognizedClientException",
                        "The security token included in the request is invalid.");
            }
        }
        Instant signedAt = AMZ_DATE.parse(amzDate, Instant::from);
        Instant now = Instant.now();
        if (signedAt.isBefore(now.minus(ALLOWED_SKEW))) {
            return refuse(400, "InvalidSignatureException", "Signature expired: " + amzDate + " is now earlier than "
                    + AMZ_DATE.format(now.minus(ALLOWED_SKEW)) + " (" + AMZ_DATE.format(now) + " - 5 min.)");
        }
        if (signedAt.isAfter(now.plus(ALLOWED_SKEW))) {
            return refuse(400, "InvalidSignatureException", "Signature not yet current: " + amzDate
                    + " is still later than " + AMZ_DATE.format(now.plus(ALLOWED_SKEW)) + " (" + AMZ_DATE.format(now)
                    + " + 5 min.)");
        }
        String canonical = SigV4.canonicalRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery(),
                headers, signed, body);
        String expected = SigV4.signature(key.secret(), date, region, service,
                SigV4.stringToSign(amzDate, date + "/" + region + "/" + service + "/aws4_request", canonical));
        if (!expected.equals(authorization.group(6))) {
            return refuse(400, "InvalidSignatureException", "The request signature we calculated does not match the"
                    + " signature you provided. Check your AWS Secret Access Key and signing method.");
        }
        if (key.expired()) {
            return refuse(400, "ExpiredTokenException", "The security token included in the request is expired");
        }
        return null;
    }

    /** The GetParameters protocol, beyond the signature; null when the request is well-formed. */
    private Reply shape(HttpExchange exchange, Map<String, List<String>> headers, List<String> names) {
        if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals("/")) {
            return problem(exchange.getRequestMethod() + " " + exchange.getRequestURI(),
                    Reply.error(404, "UnknownOperationException", "not POST /"));
        }
        if (!first(headers, "X-Amz-Target").equals("AmazonSSM.GetParameters")) {
            return problem("X-Amz-Target " + first(headers, "X-Amz-Target"),
                    Reply.error(400, "UnknownOperationException", "unknown target"));
        }
        if (!first(headers, "Content-Type").equals("application/x-amz-json-1.1")) {
            return problem("Content-Type " + first(headers, "Content-Type"),
                    Reply.error(400, "SerializationException", "wrong content type"));
        }
        if (names == null || names.isEmpty() || names.size() > 10) {
            return problem("body is not {\"Names\":[1 to 10 names],\"WithDecryption\":true}",
                    Reply.error(400, "SerializationException", "bad body"));
        }
        return null;
    }

    private Reply parameters(List<String> names) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeArrayFieldStart("Parameters");
            List<String> invalid = new ArrayList<>();
            for (String name : names) {
                String[] parameter = parameters.get(name);
                if (parameter == null) {
                    invalid.add(name);
                    continue;
                }
                json.writeStartObject();
                json.writeStringField("ARN", "arn:aws:ssm:" + REGION + ":123456789012:parameter" + name);
                json.writeStringField("DataType", "text");
                json.writeNumberField("LastModifiedDate", 1.7639E9);
                json.writeStringField("Name", name);
                json.writeStringField("Type", parameter[0]);
                json.writeStringField("Value", parameter[1]);
                json.writeNumberField("Version", 1);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("InvalidParameters");
            for (String name : invalid) {
                json.writeString(name);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        return new Reply(200, bytes.toString(StandardCharsets.UTF_8));
    }

    /** {"Names":[...],"WithDecryption":true} and nothing else, or null. */
    private static List<String> names(String body) throws IOException {
        List<String> names = null;
        boolean decrypt = false;
        try (JsonParser json = JSON.createParser(body)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("Names") && value == JsonToken.START_ARRAY) {
                    names = new ArrayList<>();
                    while (json.nextToken() == JsonToken.VALUE_STRING) {
                        names.add(json.getText());
                    }
                    if (json.currentToken() != JsonToken.END_ARRAY) {
                        return null;
                    }
                } else if (field.equals("WithDecryption") && value == JsonToken.VALUE_TRUE) {
                    decrypt = true;
                } else {
                    return null;
                }
            }
        }
        return decrypt ? names : null;
    }

    private Reply refuse(int status, String type, String message) {
        if (!authFailuresExpected) {
            problems.add("unexpected authentication failure: " + type + ": " + message);
        }
        return Reply.error(status, type, message);
    }

    private Reply problem(String problem, Reply reply) {
        problems.add(problem);
        return reply;
    }

    private static String type(Reply reply) {
        int start = reply.body().indexOf("\"__type\":\"");
        return start < 0 ? "HTTP " + reply.status()
                : reply.body().substring(start + 10, reply.body().indexOf('"', start + 10));
    }

    private static String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                return header.getValue().get(0);
            }
        }
        return "";
    }
}
