package dev.sdkauth.handler;

import dev.sdkauth.Json;
import dev.sdkauth.policy.Caller;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading each door's event into one request, and writing the answer back in that door's shape. */
class ProxyEventTest {
    private static HttpRequest file(String name) throws IOException {
        return (HttpRequest) ProxyEvent.read(Files.readAllBytes(Path.of("events", name))).incoming();
    }

    private static HttpRequest json(Object event) {
        return (HttpRequest) ProxyEvent.read(Json.write(event).getBytes(StandardCharsets.UTF_8)).incoming();
    }

    private static Map<String, Object> answer(Object event, Response response) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProxyEvent.read(Json.write(event).getBytes(StandardCharsets.UTF_8)).write(response, out);
        return Json.object(Json.read(out.toByteArray()));
    }

    private static Map<String, Object> version2(String method, String rawPath, String stage, Map<String, Object> extra) {
        Map<String, Object> context = new java.util.LinkedHashMap<>(Map.of(
                "http", Map.of("method", method, "path", rawPath), "stage", stage, "requestId", "api-req-1",
                "domainName", "abc123.execute-api.us-east-1.amazonaws.com"));
        context.putAll(extra);
        return Map.of("version", "2.0", "routeKey", "$default", "rawPath", rawPath,
                "headers", Map.of("content-type", "application/json", "origin", "https://app.example.com"),
                "requestContext", context, "body", "{}", "isBase64Encoded", false);
    }

    @Test
    void aRestEventIsReadWithItsRouteHeadersAndRequestId() throws IOException {
        HttpRequest request = file("video-sdk.json");
        assertEquals(Door.REST_API, request.door());
        assertEquals("POST", request.method());
        assertEquals("/", request.path());
        assertEquals("https://app.example.com", request.header("origin"), "header names are case-insensitive");
        assertEquals("c6af9ac6-7b61-11e6-9a41-93e8deadbeef", request.apiRequestId());
        assertTrue(request.body().contains("Cool Cars"));
        assertFalse(request.base64Encoded());
    }

    /** Every door's query parameters, decoded once: API Gateway decodes them, a load balancer does not. */
    @Test
    void queryParametersAreReadFromEveryDoorDecodedOnce() {
        Map<String, Object> rest = new java.util.HashMap<>(Map.of("httpMethod", "GET", "path", "/obf",
                "queryStringParameters", Map.of("user", "a@example.com", "secret", "s+1"),
                "multiValueQueryStringParameters", Map.of("user", List.of("a@example.com", "b"), "bot_id", List.of("7")),
                "requestContext", Map.of("stage", "Prod", "domainName", "abc.execute-api.us-east-1.amazonaws.com")));
        HttpRequest fromRest = json(rest);
        assertEquals(Map.of("user", "a@example.com", "secret", "s+1", "bot_id", "7"), fromRest.query());
        assertEquals("https://abc.execute-api.us-east-1.amazonaws.com/Prod", fromRest.origin());

        Map<String, Object> http = version2("GET", "/obf", "$default", Map.of());
        Map<String, Object> withQuery = new java.util.HashMap<>(http);
        withQuery.put("queryStringParameters", Map.of("user", "a@example.com", "meeting_number", "123"));
        HttpRequest fromHttp = json(withQuery);
        assertEquals("a@example.com", fromHttp.parameter("user"));
        assertEquals("https://abc123.execute-api.us-east-1.amazonaws.com", fromHttp.origin(), "$default has no stage");
        assertEquals("https://abc123.execute-api.us-east-1.amazonaws.com/dev",
                json(version2("GET", "/dev/obf", "dev", Map.of())).origin());

        HttpRequest fromAlb = json(Map.of("httpMethod", "GET", "path", "/obf", "queryStringParameters",
                Map.of("user", "a%40example.com", "secret", "s%2B1", "bad", "%zz"), "requestContext", Map.of("elb",
                        Map.of("targetGroupArn", "arn"))));
        assertEquals("a@example.com", fromAlb.parameter("user"));
        assertEquals("s+1", fromAlb.parameter("secret"));
        assertEquals("%zz", fromAlb.parameter("bad"), "a broken escape is kept as sent, not a crash");
        assertNull(fromAlb.origin(), "a load balancer's event does not say its address: PUBLIC_URL does");
    }

    @Test
    void aCustomDomainsOriginHasNoStageAndAHostileDomainNone() {
        assertEquals("https://auth.example.com", json(Map.of("httpMethod", "GET", "path", "/obf", "requestContext",
                Map.of("stage", "Prod", "domainName", "auth.example.com"))).origin());
        assertNull(json(Map.of("httpMethod", "GET", "path", "/obf", "requestContext",
                Map.of("stage", "Prod", "domainName", "evil.example.com/x?y"))).origin());
    }

    @Test
    void anAnonymousRequestHasNoSubjectEvenWithIdentityFieldsNull() throws IOException {
        assertEquals(Caller.ANONYMOUS, file("video-sdk.json").caller());
    }

    @Test
    void aCognitoAuthorizersClaimsAreReadFromTheSampleEvent() throws IOException {
        Caller caller = file("video-sdk-cognito.json").caller();
        assertEquals("7d8f3b2a-1c4e-4f6a-9b0d-2e5c8a7f1d3e", caller.subject());
        assertEquals("hosts", caller.attribute("cognito:groups"));
        assertEquals("alice", caller.attribute("cognito:username"));
    }

    @Test
    void anIamCallerIsItsArn() throws IOException {
        Caller caller = file("meeting-sdk-iam.json").caller();
        assertEquals("arn:aws:iam::123456789012:user/meeting-host", caller.subject());
        assertEquals("123456789012", caller.attribute("accountId"));
    }

    @Test
    void aLambdaAuthorizersPrincipalAndContextAreReadAndClaimsWinOverThem() {
        Caller caller = json(Map.of("httpMethod", "POST", "path", "/", "requestContext", Map.of("authorizer", Map.of(
                "principalId", "user|42", "tier", "gold", "count", 3, "nested", Map.of("a", "b"),
                "claims", Map.of("tier", "platinum"))))).caller();
        assertEquals("user|42", caller.subject());
        assertEquals("platinum", caller.attribute("tier"));
        assertEquals("3", caller.attribute("count"));
        assertNull(caller.attribute("nested"));
    }

    @Test
    void aFederatedIdentityIsPreferredToTheSharedRoleBehindIt() {
        Caller caller = json(Map.of("httpMethod", "POST", "path", "/", "requestContext", Map.of("identity", Map.of(
                "cognitoIdentityId", "us-east-1:1234", "userArn", "arn:aws:sts::1:assumed-role/Shared/x")))).caller();
        assertEquals("us-east-1:1234", caller.subject());
    }

    @ParameterizedTest(name = "rawPath {0} on stage {1} routes as {2}")
    @CsvSource({
            "/, $default, /",
            "/meeting, $default, /meeting",
            "/meeting/, $default, /meeting",
            "/Prod, Prod, /",
            "/Prod/, Prod, /",
            "/Prod/meeting, Prod, /meeting",
            "/Production/meeting, Prod, /Production/meeting",
            "/nope, $default, /nope",
    })
    void aVersion2PathLosesItsStage(String rawPath, String stage, String route) {
        HttpRequest request = json(version2("POST", rawPath, stage, Map.of()));
        assertEquals(Door.HTTP_API, request.door());
        assertEquals(route, request.path());
        assertEquals("api-req-1", request.apiRequestId());
    }

    @Test
    void aVersion2RouteKeyWinsOverTheRawPath() {
        Map<String, Object> event = new java.util.HashMap<>(version2("POST", "/v1/meeting", "$default", Map.of()));
        event.put("routeKey", "POST /meeting");
        assertEquals("/meeting", json(event).path());
    }

    @Test
    void aFunctionUrlIsTheVersion2ShapeOnALambdaUrlDomain() {
        HttpRequest request = json(version2("post", "/meeting", "$default",
                Map.of("domainName", "abcdefg.lambda-url.us-east-1.on.aws")));
        assertEquals(Door.FUNCTION_URL, request.door());
        assertEquals("POST", request.method(), "methods are compared in upper case");
        assertEquals("/meeting", request.path());
    }

    @Test
    void version2CallersComeFromJwtLambdaAndIamAuthorizers() {
        Caller jwt = json(version2("POST", "/", "$default", Map.of("authorizer", Map.of("jwt", Map.of(
                "claims", Map.of("sub", "user-7", "cognito:groups", "[hosts admins]"), "scopes", List.of())))))
                .caller();
        assertEquals("user-7", jwt.subject());
        assertEquals("[hosts admins]", jwt.attribute("cognito:groups"));

        Caller lambda = json(version2("POST", "/", "$default", Map.of("authorizer", Map.of("lambda",
                Map.of("tier", "gold"))))).caller();
        assertEquals("gold", lambda.attribute("tier"));
        assertNull(lambda.subject());

        Caller iam = json(version2("POST", "/", "$default", Map.of("authorizer", Map.of("iam", Map.of(
                "accessKey", "AKIA...", "accountId", "111122223333", "callerId", "AIDACKCEVSQ6C2EXAMPLE",
                "userArn", "arn:aws:iam::111122223333:user/host", "userId", "AIDACKCEVSQ6C2EXAMPLE",
                "cognitoIdentity", Json.NULL))))).caller();
        assertEquals("arn:aws:iam::111122223333:user/host", iam.subject());
        assertEquals("111122223333", iam.attribute("accountId"));
        assertEquals("AIDACKCEVSQ6C2EXAMPLE", iam.attribute("caller"));
    }

    @Test
    void aLoadBalancerEventHasNoCallerAndRoutesByPath() {
        HttpRequest request = json(Map.of("httpMethod", "POST", "path", "/meeting", "body", "e30=",
                "isBase64Encoded", true, "headers", Map.of("Origin", "https://app.example.com"),
                "requestContext", Map.of("elb", Map.of("targetGroupArn", "arn:aws:elasticloadbalancing:::tg"))));
        assertEquals(Door.LOAD_BALANCER, request.door());
        assertEquals("/meeting", request.path());
        assertTrue(request.base64Encoded());
        assertEquals(Caller.ANONYMOUS, request.caller());
        assertEquals("https://app.example.com", request.header("origin"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1,2]", "\"text\"", "42", "{\"a\":"})
    void anUnreadableEventSaysWhyInsteadOfThrowing(String event) {
        Incoming incoming = ProxyEvent.read(event.getBytes(StandardCharsets.UTF_8)).incoming();
        assertTrue(incoming instanceof UnreadableEvent unreadable && unreadable.reason().startsWith("The event"),
                incoming.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "  "})
    void aNullOrEmptyEventIsAnEmptyRequest(String event) {
        HttpRequest request = (HttpRequest) ProxyEvent.read(event.getBytes(StandardCharsets.UTF_8)).incoming();
        assertEquals("", request.method());
        assertEquals("/", request.path());
    }

    private static final Response ANSWER = new Response(403, Map.of("Content-Type", "application/json"), "{\"a\":1}");

    @Test
    void restAndVersion2AnswersCarryStatusHeadersBodyAndNoMultiValueHeaders() throws IOException {
        for (Object event : List.of(Map.of("httpMethod", "POST", "path", "/"), version2("POST", "/", "$default",
                Map.of()))) {
            Map<String, Object> answer = answer(event, ANSWER);
            assertEquals(403L, answer.get("statusCode"));
            assertEquals(Map.of("Content-Type", "application/json"), answer.get("headers"));
            assertEquals("{\"a\":1}", answer.get("body"));
            assertEquals(false, answer.get("isBase64Encoded"));
            assertFalse(answer.containsKey("multiValueHeaders"));
            assertFalse(answer.containsKey("statusDescription"));
        }
    }

    @Test
    void aLoadBalancerAnswerHasADescriptionAndMatchesTheHeaderMode() throws IOException {
        Map<String, Object> context = Map.of("elb", Map.of("targetGroupArn", "tg"));
        Map<String, Object> single = answer(Map.of("httpMethod", "POST", "path", "/", "requestContext", context,
                "headers", Map.of()), ANSWER);
        assertEquals("403 Forbidden", single.get("statusDescription"));
        assertEquals(Map.of("Content-Type", "application/json"), single.get("headers"));
        Map<String, Object> multi = answer(Map.of("httpMethod", "POST", "path", "/", "requestContext", context,
                "multiValueHeaders", Map.of()), ANSWER);
        assertEquals(Map.of("Content-Type", List.of("application/json")), multi.get("multiValueHeaders"));
        assertFalse(multi.containsKey("headers"), "a target group with multi-value headers on reads only those");
    }
}
