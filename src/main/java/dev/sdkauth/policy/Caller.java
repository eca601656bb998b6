package dev.sdkauth.policy;

import java.util.Map;

/**
 * Who is asking, as the front door (API Gateway, a function URL) established it before the function ran: the
 * claims of a Cognito, JWT or Lambda authorizer, or the identity of a SigV4-signed IAM caller. The door writes
 * the request context itself, so nothing here comes from what the client put in its body or headers.
 *
 * @param subject    the caller's stable identifier, or null when no authorizer identified one
 * @param attributes claim and identity values by name ({@code sub}, {@code cognito:groups}, {@code userArn}, ...)
 */
public record Caller(String subject, Map<String, String> attributes) {
    public static final Caller ANONYMOUS = new Caller(null, Map.of());

    public Caller {
        attributes = Map.copyOf(attributes);
    }

    /** A caller with these attributes, its subject taken from the first of them that identifies one. */
    public static Caller of(Map<String, String> attributes) {
        return attributes.isEmpty() ? ANONYMOUS : new Caller(subject(attributes), attributes);
    }

    /** True when no authorizer, IAM signature or API key identified the caller. */
    public boolean anonymous() {
        return attributes.isEmpty();
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
}
