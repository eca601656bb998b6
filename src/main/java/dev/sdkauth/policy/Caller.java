package dev.sdkauth.policy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.RequestIdentity;

import java.util.HashMap;
import java.util.Map;

/**
 * Who is asking, as API Gateway established it before the function ran: the claims of a Cognito (or Lambda)
 * authorizer, or the identity of a SigV4-signed IAM caller. API Gateway writes the request context itself, so
 * nothing here comes from what the client put in its body or headers.
 *
 * @param subject    the caller's stable identifier, or null when no authorizer identified one
 * @param attributes claim and identity values by name ({@code sub}, {@code cognito:groups}, {@code userArn}, ...)
 */
public record Caller(String subject, Map<String, String> attributes) {
    public static final Caller ANONYMOUS = new Caller(null, Map.of());

    public Caller {
        attributes = Map.copyOf(attributes);
    }

    public static Caller of(ProxyRequestContext context) {
        if (context == null) {
            return ANONYMOUS;
        }
        Map<String, String> attributes = new HashMap<>();
        Map<String, Object> authorizer = context.getAuthorizer();
        if (authorizer != null) {
            // Cognito user pool authorizers put the token's claims under "claims"; Lambda authorizers put their
            // context entries (and principalId) at the top level. Claims win over a same-named context entry.
            if (authorizer.get("claims") instanceof Map<?, ?> claims) {
                claims.forEach((name, value) -> putScalar(attributes, name, value));
            }
            authorizer.forEach((name, value) -> {
                if (!attributes.containsKey(String.valueOf(name))) {
                    putScalar(attributes, name, value);
                }
            });
        }
        RequestIdentity identity = context.getIdentity();
        if (identity != null) {
            // Set by API Gateway for IAM (SigV4) callers; absent for anonymous ones.
            putIfPresent(attributes, "userArn", identity.getUserArn());
            putIfPresent(attributes, "user", identity.getUser());
            putIfPresent(attributes, "caller", identity.getCaller());
            putIfPresent(attributes, "accountId", identity.getAccountId());
            putIfPresent(attributes, "cognitoIdentityId", identity.getCognitoIdentityId());
        }
        return new Caller(subject(attributes), attributes);
    }

    public String attribute(String name) {
        return attributes.get(name);
    }

    /**
     * A user pool's {@code sub}, a Lambda authorizer's principal, a Cognito identity (one per user, where the IAM
     * role behind it is shared by many), or else the IAM principal's ARN.
     */
    private static String subject(Map<String, String> attributes) {
        for (String name : new String[] {"sub", "principalId", "cognitoIdentityId", "userArn"}) {
            String value = attributes.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static void putScalar(Map<String, String> attributes, Object name, Object value) {
        String text = scalar(value);
        if (text != null) {
            attributes.put(String.valueOf(name), text);
        }
    }

    private static void putIfPresent(Map<String, String> attributes, String name, String value) {
        if (value != null && !value.isBlank()) {
            attributes.putIfAbsent(name, value);
        }
    }

    /** Strings, numbers and booleans; nested maps and lists are not claims we match on. */
    private static String scalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean
                ? String.valueOf(value) : null;
    }
}
