package dev.sdkauth.policy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.RequestIdentity;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sdkauth.Environment;
import dev.sdkauth.Json;
import dev.sdkauth.Mode;
import dev.sdkauth.handler.TokenHandler;
import dev.sdkauth.testing.Assertions;
import dev.sdkauth.testing.DirectHandler;
import dev.sdkauth.testing.Jwt;
import dev.sdkauth.testing.Proxy;
import dev.sdkauth.testing.RecordingLogger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator's limits, through the real handler, on proxy events carrying what API Gateway's authorizers add. */
class IssuancePolicyTest {
    private static final String SECRET = "policy-secret-0123456789abcdefghijklmnop";
    private static final String COGNITO_SUB = "7d8f3b2a-1c4e-4f6a-9b0d-2e5c8a7f1d3e";
    private final RecordingLogger log = new RecordingLogger();

    private TokenHandler handler(String... settings) {
        return DirectHandler.of(SECRET, log, settings);
    }

    private static APIGatewayProxyRequestEvent post(String path, String body, Map<String, Object> authorizer,
                                                    RequestIdentity identity) {
        ProxyRequestContext context = new ProxyRequestContext().withIdentity(identity);
        context.setAuthorizer(authorizer);
        return Proxy.post(path, body).withRequestContext(context);
    }

    private static Map<String, Object> claims(String... entries) {
        Map<String, Object> claims = new HashMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            claims.put(entries[i], entries[i + 1]);
        }
        return Map.of("claims", claims);
    }

    private static List<String> errorProperties(APIGatewayProxyResponseEvent response) {
        List<String> properties = new ArrayList<>();
        Proxy.body(response).get("errors").forEach(error -> properties.add(error.get("property").textValue()));
        return properties;
    }

    private static JsonNode claimsOf(APIGatewayProxyResponseEvent response) {
        JsonNode body = Proxy.body(response);
        String token = body.has("signature") ? body.get("signature").textValue() : body.get("token").textValue();
        Jwt.verify(token, SECRET);
        return Jwt.payload(token);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "/,        '{\"sessionName\":\"s\",\"role\":1}',                         role",
            "/,        '{\"topic\":\"s\",\"roleType\":\"1\",\"expirationMinutes\":60}', roleType",
            "/meeting, '{\"meetingNumber\":\"123456789\",\"role\":1}',               role",
    })
    void maxRoleZeroRefusesHostTokensOnEveryContract(String path, String body, String property) {
        APIGatewayProxyResponseEvent response = Proxy.call(handler("MAX_ROLE", "0"), Proxy.post(path, body));
        assertEquals(403, response.getStatusCode(), response.getBody());
        assertEquals(List.of(property), errorProperties(response));
        assertTrue(response.getBody().contains("role 0 only"), response.getBody());
    }

    /** A stack deployed with every default: host tokens are a decision, not a default. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "/,        '{\"sessionName\":\"s\",\"role\":1}',                         role",
            "/,        '{\"topic\":\"s\",\"roleType\":\"1\",\"expirationMinutes\":60}', roleType",
            "/meeting, '{\"meetingNumber\":\"123456789\",\"role\":1}',               role",
    })
    void deployedWithEveryDefaultAnAnonymousCallerGetsNoHostToken(String path, String body, String property) {
        TokenHandler defaults = handler("ANONYMOUS_HOST_TOKENS", "");
        APIGatewayProxyResponseEvent response = Proxy.call(defaults, Proxy.post(path, body));
        assertEquals(403, response.getStatusCode(), response.getBody());
        assertEquals(List.of(property), errorProperties(response));
        String reason = Proxy.body(response).at("/errors/0/reason").textValue();
        assertTrue(reason.contains("AnonymousHostTokens") && reason.contains("AuthMode"), reason);
        assertEquals(200, Proxy.call(defaults, Proxy.post(path, body.replace("1", "0"))).getStatusCode(),
                "participants still join");
    }

    /** Whatever AuthMode identified the caller (Cognito claims, an IAM signature, an API key), hosts stay available. */
    @Test
    void anIdentifiedCallerGetsHostTokensWithoutFurtherSettings() {
        TokenHandler defaults = handler("ANONYMOUS_HOST_TOKENS", "");
        String body = "{\"sessionName\":\"s\",\"role\":1}";
        assertEquals(200, Proxy.call(defaults, post("/", body, claims("sub", COGNITO_SUB), null)).getStatusCode());
        assertEquals(200, Proxy.call(defaults, post("/", body, null, new RequestIdentity()
                .withUserArn("arn:aws:iam::123456789012:user/alice"))).getStatusCode());
        // API Gateway fills identity.apiKeyId only for a method that requires an API key (AuthMode API_KEY).
        String withApiKey = Json.write(Map.of("httpMethod", "POST", "path", "/", "resource", "/", "body", body,
                "requestContext", Map.of("identity", Map.of("apiKeyId", "a1b2c3", "apiKey", "key-value"))));
        APIGatewayProxyResponseEvent response = Proxy.response(Proxy.invoke(defaults, withApiKey, null));
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(1, claimsOf(response).get("role_type").intValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE"})
    void anonymousHostTokensAreOneExplicitChoice(String value) {
        APIGatewayProxyResponseEvent response = Proxy.call(handler("ANONYMOUS_HOST_TOKENS", value),
                Proxy.post("/", "{\"sessionName\":\"s\",\"role\":1}"));
        assertEquals(200, response.getStatusCode(), response.getBody());
    }

    @Test
    void locallyTheOperatorIsTheCallerAndHostTokensStayAvailable() {
        APIGatewayProxyResponseEvent response = Proxy.call(DirectHandler.local(SECRET, log, "ANONYMOUS_HOST_TOKENS",
                ""), Proxy.post("/meeting", "{\"meetingNumber\":\"123456789\",\"role\":1}"));
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(403, Proxy.call(DirectHandler.local(SECRET, log, "ANONYMOUS_HOST_TOKENS", "false"),
                Proxy.post("/", "{\"sessionName\":\"s\",\"role\":1}")).getStatusCode(), "unless told otherwise");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"sessionName\":\"s\",\"role\":0}", "{\"topic\":\"s\",\"roleType\":0,\"expirationMinutes\":60}"})
    void maxRoleZeroStillIssuesParticipantTokens(String body) {
        APIGatewayProxyResponseEvent response = Proxy.call(handler("MAX_ROLE", "0"), Proxy.post("/", body));
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(0, claimsOf(response).get("role_type").intValue());
    }

    @Test
    void maxRoleZeroStillIssuesNativeMeetingTokensWhichHaveNoRole() {
        TokenHandler handler = handler("MAX_ROLE", "0");
        assertEquals(200, Proxy.call(handler, Proxy.post("/meeting", "{}")).getStatusCode());
        assertEquals(200, Proxy.call(handler, Proxy.post("/meeting", "{\"meetingNumber\":\"1\",\"role\":0}"))
                .getStatusCode());
    }

    @Test
    void validationComesBeforePolicy() {
        APIGatewayProxyResponseEvent response = Proxy.call(handler("MAX_ROLE", "0"), Proxy.post("/", "{\"sessionName\":\"\",\"role\":1}"));
        assertEquals(400, response.getStatusCode());
        assertEquals(List.of("sessionName"), errorProperties(response));
    }

    @ParameterizedTest(name = "groups {0} -> {1}")
    @CsvSource({
            "hosts, 200",
            "'[admins, hosts]', 200",
            "'admins,hosts', 200",
            "'admins hosts', 200",
            "admins, 403",
            "hostsx, 403",
            "'[hosts-readonly]', 403",
            "'', 403",
    })
    void hostRoleFollowsTheCallersClaim(String groups, int status) {
        TokenHandler handler = handler("HOST_ROLE_CLAIM", "cognito:groups", "HOST_ROLE_VALUE", "hosts");
        APIGatewayProxyResponseEvent host = Proxy.call(handler, post("/", "{\"sessionName\":\"s\",\"role\":1}",
                claims("sub", "u1", "cognito:groups", groups), null));
        assertEquals(status, host.getStatusCode(), host.getBody());
        if (status == 403) {
            assertEquals(List.of("role"), errorProperties(host));
            assertFalse(host.getBody().contains("hosts"), "the required value is not revealed: " + host.getBody());
        }
        APIGatewayProxyResponseEvent participant = Proxy.call(handler, post("/", "{\"sessionName\":\"s\",\"role\":0}",
                claims("sub", "u1", "cognito:groups", groups), null));
        assertEquals(200, participant.getStatusCode(), "role 0 needs no claim");
    }

    @Test
    void hostRoleIsRefusedToAnonymousCallersWhenAClaimIsRequired() {
        APIGatewayProxyResponseEvent response = Proxy.call(handler("HOST_ROLE_CLAIM", "cognito:groups", "HOST_ROLE_VALUE", "hosts"), Proxy.post("/meeting", "{\"meetingNumber\":\"1\",\"role\":1}"));
        assertEquals(403, response.getStatusCode());
    }

    @Test
    void theCognitoSampleEventGetsAHostTokenThroughItsGroup() {
        APIGatewayProxyResponseEvent response = Proxy.call(handler("HOST_ROLE_CLAIM", "cognito:groups", "HOST_ROLE_VALUE", "hosts"), EventLoader.loadApiGatewayRestEvent("events/video-sdk-cognito.json"));
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(1, claimsOf(response).get("role_type").intValue());
    }

    @Test
    void theIamSampleEventGetsAHostTokenThroughItsUserArn() {
        String arn = "arn:aws:iam::123456789012:user/meeting-host";
        APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent("events/meeting-sdk-iam.json");
        APIGatewayProxyResponseEvent allowed = Proxy.call(handler("HOST_ROLE_CLAIM", "userArn", "HOST_ROLE_VALUE", arn), event);
        assertEquals(200, allowed.getStatusCode(), allowed.getBody());
        assertEquals(1, claimsOf(allowed).get("role").intValue());
        APIGatewayProxyResponseEvent refused = Proxy.call(handler("HOST_ROLE_CLAIM", "userArn", "HOST_ROLE_VALUE", arn + "-other"), event);
        assertEquals(403, refused.getStatusCode());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "team-standup, 200",
            "team-a, 200",
            "team-, 403",
            "xteam-abc, 403",
            "team-abc x, 403",
            "Team-abc, 200",
            "TEAM-ABC, 200",
    })
    void sessionNamesMustMatchThePatternWhole(String sessionName, int status) {
        TokenHandler handler = handler("SESSION_NAME_PATTERN", "team-[a-z]+");
        APIGatewayProxyResponseEvent official = Proxy.call(handler, Proxy.post("/", "{\"sessionName\":\"" + sessionName + "\",\"role\":0}"));
        assertEquals(status, official.getStatusCode(), official.getBody());
        APIGatewayProxyResponseEvent seed = Proxy.call(handler, Proxy.post("/",
                "{\"topic\":\"" + sessionName + "\",\"roleType\":0,\"expirationMinutes\":30}"));
        assertEquals(status, seed.getStatusCode(), seed.getBody());
        if (status == 403) {
            assertEquals(List.of("sessionName"), errorProperties(official));
            assertEquals(List.of("topic"), errorProperties(seed));
        }
    }

    @Test
    void everyRefusalIsListedAtOnce() {
        APIGatewayProxyResponseEvent response = Proxy.call(handler("MAX_ROLE", "0", "SESSION_NAME_PATTERN", "team-[a-z]+"), Proxy.post("/", "{\"sessionName\":\"other\",\"role\":1}"));
        assertEquals(403, response.getStatusCode());
        assertEquals(List.of("role", "sessionName"), errorProperties(response));
    }

    @Test
    void boundTokensCarryTheCallersSubjectNotTheClientsValue() {
        APIGatewayProxyResponseEvent response = Proxy.call(handler("BIND_USER_IDENTITY", "true"), post("/",
                "{\"sessionName\":\"s\",\"role\":0,\"userIdentity\":\"mallory\",\"userKey\":\"mallory-key\"}",
                claims("sub", "user-123"), null));
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode claims = claimsOf(response);
        assertEquals("user-123", claims.get("user_identity").textValue());
        assertEquals("user-123", claims.get("user_key").textValue());
    }

    @Test
    void aCognitoSubjectTooLongForUserIdentityIsDigestedThere() {
        APIGatewayProxyResponseEvent response = Proxy.call(handler("BIND_USER_IDENTITY", "true"), EventLoader.loadApiGatewayRestEvent("events/video-sdk-cognito.json"));
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode claims = claimsOf(response);
        assertEquals(COGNITO_SUB, claims.get("user_key").textValue(), "36 characters fit user_key");
        String identity = claims.get("user_identity").textValue();
        assertTrue(identity.matches("[0-9a-f]{32}"), identity);
        assertEquals(IssuancePolicy.fit(COGNITO_SUB, 35), identity);
        assertFalse(identity.equals(IssuancePolicy.fit(COGNITO_SUB.replace('7', '8'), 35)));
    }

    @Test
    void theSeedDialectEchoesTheBoundIdentityInItsPayload() {
        APIGatewayProxyResponseEvent response = Proxy.call(handler("BIND_USER_IDENTITY", "true"), post("/",
                "{\"topic\":\"t\",\"roleType\":0,\"expirationMinutes\":30,\"userIdentity\":\"mallory\"}",
                claims("sub", "user-9"), null));
        assertEquals("user-9", Proxy.body(response).get("_payload").get("user_identity").textValue());
        assertEquals("user-9", claimsOf(response).get("user_identity").textValue());
    }

    @Test
    void iamCallersAreBoundByTheirArn() {
        String arn = "arn:aws:sts::123456789012:assumed-role/TokenClients/session-1";
        RequestIdentity identity = new RequestIdentity().withUserArn(arn).withAccountId("123456789012");
        APIGatewayProxyResponseEvent response = Proxy.call(handler("BIND_USER_IDENTITY", "true"), post("/", "{\"sessionName\":\"s\",\"role\":0}", null, identity));
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(IssuancePolicy.fit(arn, 36), claimsOf(response).get("user_key").textValue());
    }

    @Test
    void bindingWithoutAnIdentityIsRefusedRatherThanSignedWithTheClientsValue() {
        TokenHandler handler = handler("BIND_USER_IDENTITY", "true");
        APIGatewayProxyResponseEvent response = Proxy.call(handler, Proxy.post("/", "{\"sessionName\":\"s\",\"role\":0,\"userIdentity\":\"mallory\"}"));
        assertEquals(403, response.getStatusCode());
        assertTrue(response.getBody().contains("authorizer"), response.getBody());
        // Meeting SDK tokens carry no user identity, so there is nothing to bind.
        assertEquals(200, Proxy.call(handler, Proxy.post("/meeting", "{}")).getStatusCode());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "MAX_ROLE, 2",
            "MAX_ROLE, host",
            "HOST_ROLE_CLAIM, cognito:groups",
            "HOST_ROLE_VALUE, hosts",
            "SESSION_NAME_PATTERN, team-[a-z",
            "BIND_USER_IDENTITY, yes",
            "ANONYMOUS_HOST_TOKENS, maybe",
    })
    void aSettingThatCannotBeReadRefusesEveryTokenInsteadOfRunningOpen(String name, String value) {
        TokenHandler deployed = handler(name, value);
        TokenHandler local = DirectHandler.local(SECRET, log, name, value);
        for (String path : List.of("/", "/meeting")) {
            String body = path.equals("/") ? "{\"sessionName\":\"s\",\"role\":0}" : "{}";
            APIGatewayProxyResponseEvent response = Proxy.call(deployed, Proxy.post(path, body));
            assertEquals(503, response.getStatusCode(), response.getBody());
            Assertions.assertDeployedFailure(Proxy.body(response), "Misconfigured", null);
            assertTrue(log.last("ERROR Answering 503 (misconfigured)").contains(name), log.all());
            APIGatewayProxyResponseEvent locally = Proxy.call(local, Proxy.post(path, body));
            assertEquals(503, locally.getStatusCode(), locally.getBody());
            assertTrue(locally.getBody().contains(name), "locally the operator reads the cause: " + locally.getBody());
        }
        assertTrue(log.all().contains("ERROR The endpoint is misconfigured: "), log.all());
    }

    /** Zoom joins session names lower-cased, so the operator's pattern must not be dodged by letter case. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "admin, 403",
            "ADMIN, 403",
            "Admin, 403",
            "administrators, 200",
            "team-blue, 200",
    })
    void aDenyListPatternCannotBeDodgedByLetterCase(String sessionName, int status) {
        TokenHandler handler = handler("SESSION_NAME_PATTERN", "(?!admin$).*");
        APIGatewayProxyResponseEvent response = Proxy.call(handler,
                Proxy.post("/", "{\"sessionName\":\"" + sessionName + "\",\"role\":0}"));
        assertEquals(status, response.getStatusCode(), response.getBody());
    }

    @Test
    void aPatternWrittenWithCapitalsStillMatchesTheNameZoomJoins() {
        TokenHandler handler = handler("SESSION_NAME_PATTERN", "Team-[A-Z]+");
        assertEquals(200, Proxy.call(handler, Proxy.post("/", "{\"sessionName\":\"team-blue\",\"role\":0}"))
                .getStatusCode());
    }

    @Test
    void aMisconfigurationIsDescribedByNameNeverByValue() {
        TokenHandler handler = handler("MAX_ROLE", "marker-max", "HOST_ROLE_CLAIM", "marker-claim",
                "SESSION_NAME_PATTERN", "marker-pattern-[a-z", "BIND_USER_IDENTITY", "marker-bind");
        APIGatewayProxyResponseEvent response = Proxy.call(handler, Proxy.post("/meeting", "{}"));
        assertEquals(503, response.getStatusCode());
        String logged = log.last("ERROR Answering 503 (misconfigured)");
        for (String name : List.of("MAX_ROLE", "HOST_ROLE_CLAIM", "SESSION_NAME_PATTERN", "BIND_USER_IDENTITY")) {
            assertTrue(logged.contains(name), name);
        }
        assertFalse(response.getBody().contains("marker"), response.getBody());
        assertFalse(log.all().contains("marker"), log.all());
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", " false ", "False"})
    void booleanSettingsIgnoreCaseAndSpaces(String value) {
        assertEquals(null, IssuancePolicy.from(Environment.of(Map.of("BIND_USER_IDENTITY", value)), Mode.DEPLOYED).misconfiguration());
    }
}
