package dev.sdkauth.policy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.RequestIdentity;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CallerTest {
    @Test
    void anAnonymousRequestHasNoSubjectEvenWithIdentityFieldsNull() {
        Caller caller = Caller.of(EventLoader.loadApiGatewayRestEvent("events/video-sdk.json").getRequestContext());
        assertNull(caller.subject());
        assertEquals(Map.of(), caller.attributes());
        assertEquals(Caller.ANONYMOUS, Caller.of(null));
    }

    @Test
    void aCognitoAuthorizersClaimsAreReadFromTheSampleEvent() {
        Caller caller = Caller.of(EventLoader.loadApiGatewayRestEvent("events/video-sdk-cognito.json").getRequestContext());
        assertEquals("7d8f3b2a-1c4e-4f6a-9b0d-2e5c8a7f1d3e", caller.subject());
        assertEquals("hosts", caller.attribute("cognito:groups"));
        assertEquals("alice", caller.attribute("cognito:username"));
    }

    @Test
    void anIamCallerIsItsArn() {
        Caller caller = Caller.of(EventLoader.loadApiGatewayRestEvent("events/meeting-sdk-iam.json").getRequestContext());
        assertEquals("arn:aws:iam::123456789012:user/meeting-host", caller.subject());
        assertEquals("123456789012", caller.attribute("accountId"));
    }

    @Test
    void aLambdaAuthorizersPrincipalAndContextAreReadAndClaimsWinOverThem() {
        ProxyRequestContext context = new ProxyRequestContext();
        context.setAuthorizer(Map.of("principalId", "user|42", "tier", "gold", "count", 3, "nested", Map.of("a", "b"),
                "claims", Map.of("tier", "platinum")));
        Caller caller = Caller.of(context);
        assertEquals("user|42", caller.subject());
        assertEquals("platinum", caller.attribute("tier"));
        assertEquals("3", caller.attribute("count"));
        assertNull(caller.attribute("nested"));
    }

    @Test
    void aFederatedIdentityIsPreferredToTheSharedRoleBehindIt() {
        Caller caller = Caller.of(new ProxyRequestContext().withIdentity(new RequestIdentity()
                .withCognitoIdentityId("us-east-1:1234").withUserArn("arn:aws:sts::1:assumed-role/Shared/x")));
        assertEquals("us-east-1:1234", caller.subject());
    }
}
