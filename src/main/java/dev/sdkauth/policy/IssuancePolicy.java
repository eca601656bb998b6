package dev.sdkauth.policy;

import dev.sdkauth.request.Reason;
import dev.sdkauth.Setting;
import dev.sdkauth.Environment;
import dev.sdkauth.Mode;
import dev.sdkauth.Text;
import dev.sdkauth.request.Contracts;
import dev.sdkauth.request.Rejection;
import dev.sdkauth.request.Validated;
import dev.sdkauth.request.ValidationError;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Who may mint what, beyond the request contracts: the operator's limits on host tokens and session names, and
 * binding Video SDK tokens to the caller's identity. A valid request these limits refuse is a 403. A setting that
 * cannot be read refuses every token (503): an endpoint that was meant to be locked down must not run open.
 */
public final class IssuancePolicy {
    private final long maxRole;
    private final boolean anonymousHosts;
    private final String hostRoleClaim;
    private final String hostRoleValue;
    private final Pattern sessionNames;
    private final boolean bindUserIdentity;
    private final ZakUsers zakUsers;
    private final String misconfiguration;

    private IssuancePolicy(long maxRole, boolean anonymousHosts, String hostRoleClaim, String hostRoleValue,
                           Pattern sessionNames, boolean bindUserIdentity, ZakUsers zakUsers,
                           String misconfiguration) {
        this.maxRole = maxRole;
        this.anonymousHosts = anonymousHosts;
        this.hostRoleClaim = hostRoleClaim;
        this.hostRoleValue = hostRoleValue;
        this.sessionNames = sessionNames;
        this.bindUserIdentity = bindUserIdentity;
        this.zakUsers = zakUsers;
        this.misconfiguration = misconfiguration;
    }

    /**
     * MAX_ROLE (0 or 1, default 1), ANONYMOUS_HOST_TOKENS (deployed default false, local default true),
     * HOST_ROLE_CLAIM with HOST_ROLE_VALUE, SESSION_NAME_PATTERN, BIND_USER_IDENTITY. A problem is described by the
     * setting's name only, never its value: the description is logged, and answered locally.
     */
    public static IssuancePolicy from(Environment env, Mode mode) {
        List<String> problems = new ArrayList<>();
        String maxRoleText = env.get(Setting.MAX_ROLE);
        long maxRole = 1;
        if (maxRoleText.equals("0") || maxRoleText.equals("1")) {
            maxRole = Long.parseLong(maxRoleText);
        } else {
            problems.add("MAX_ROLE must be 0 or 1");
        }
        Boolean anonymousHosts = flag(env, Setting.ANONYMOUS_HOST_TOKENS, mode == Mode.LOCAL, problems);
        String claim = env.get(Setting.HOST_ROLE_CLAIM);
        String value = env.get(Setting.HOST_ROLE_VALUE);
        if ((claim == null) != (value == null)) {
            problems.add("HOST_ROLE_CLAIM and HOST_ROLE_VALUE must be set together");
        }
        Pattern sessionNames = null;
        String pattern = env.get(Setting.SESSION_NAME_PATTERN);
        if (pattern != null) {
            try {
                sessionNames = SessionNames.pattern(pattern);
            } catch (PatternSyntaxException broken) {
                problems.add("SESSION_NAME_PATTERN is not a valid regular expression ("
                        + Text.clip(broken.getDescription(), 100) + ")");
            }
        }
        boolean bindUserIdentity = flag(env, Setting.BIND_USER_IDENTITY, false, problems);
        return new IssuancePolicy(maxRole, anonymousHosts, claim, value, sessionNames, bindUserIdentity,
                ZakUsers.parse(env.get(Setting.ZAK_USERS)), problems.isEmpty() ? null : "The endpoint is misconfigured: " + String.join("; ", problems));
    }

    /** {@code true} or {@code false} in any case; unset, {@code fallback}; anything else is a problem. */
    private static boolean flag(Environment env, Setting setting, boolean fallback, List<String> problems) {
        String text = env.get(setting);
        if (text == null) {
            return fallback;
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return text.equalsIgnoreCase("true");
        }
        problems.add(setting.name() + " must be true or false");
        return fallback;
    }

    /** What is wrong with the settings, or null: logged once at start-up. */
    public String misconfiguration() {
        return misconfiguration;
    }

    /**
     * Refuses a valid request these limits forbid, naming the property each limit concerns.
     *
     * @param role        the requested role, or null when the token kind has none (a native Meeting SDK token)
     * @param sessionName the requested session name, or null when the token kind has none
     */
    public void admit(Caller caller, String roleProperty, Long role, String sessionProperty, String sessionName)
            throws Rejection {
        if (misconfiguration != null) {
            throw new Rejection(503, Reason.MISCONFIGURED, misconfiguration);
        }
        List<ValidationError> refusals = new ArrayList<>();
        Reason reason = null;
        String hostRefusal = role == null || role != 1 ? null : hostRefusal(caller, roleProperty);
        if (role != null && role > maxRole) {
            refusals.add(new ValidationError(roleProperty, roleProperty + " " + role
                    + " (host) is not issued by this endpoint: it issues role 0 only (MAX_ROLE, template parameter"
                    + " MaxRole)"));
            reason = Reason.ROLE_REFUSED;
        } else if (hostRefusal != null) {
            refusals.add(new ValidationError(roleProperty, hostRefusal));
            reason = Reason.ROLE_REFUSED;
        }
        if (sessionNames != null && sessionName != null && !SessionNames.admits(sessionNames, sessionName)) {
            refusals.add(new ValidationError(sessionProperty, sessionProperty
                    + " is not a session this endpoint issues tokens for"));
            reason = reason == null ? Reason.SESSION_REFUSED : reason;
        }
        if (!refusals.isEmpty()) {
            throw new Rejection(403, reason, refusals);
        }
    }

    /**
     * Refuses a ZAK this caller may not have. A ZAK lets its holder start and host meetings as that user, so it
     * follows the host-token decision first (never to anonymous callers unless the operator chose that), then
     * {@code ZAK_USERS}.
     */
    public void admitZak(Caller caller, String property, String zakUser) throws Rejection {
        String refusal = zakUsers.refusal(caller, property, zakUser);
        if (refusal == null && caller.anonymous() && !anonymousHosts) {
            refusal = property + ": a ZAK is not handed to anonymous callers: choose an AuthMode that identifies"
                    + " callers (IAM, COGNITO or API_KEY), or set the template parameter AnonymousHostTokens to true"
                    + " (ANONYMOUS_HOST_TOKENS) to let anyone host";
        }
        if (refusal != null) {
            throw new Rejection(403, Reason.ZAK_REFUSED, List.of(new ValidationError(property, refusal)));
        }
    }

    /**
     * Why this caller may not have a host token, or null. A host can end the session, remove people and record,
     * so a caller no authorizer identified gets one only when the operator chose that explicitly.
     */
    private String hostRefusal(Caller caller, String roleProperty) {
        if (caller.anonymous() && !anonymousHosts) {
            return roleProperty + " 1 (host) is not issued to anonymous callers: choose an AuthMode that identifies"
                    + " callers (IAM, COGNITO or API_KEY), or set the template parameter AnonymousHostTokens to true"
                    + " (ANONYMOUS_HOST_TOKENS) to let anyone host";
        }
        if (hostRoleClaim != null && !grants(caller.attribute(hostRoleClaim))) {
            return roleProperty + " 1 (host) is only issued to callers whose " + hostRoleClaim + " claim allows it";
        }
        return null;
    }

    /**
     * With BIND_USER_IDENTITY on, the request with {@code userIdentity} and {@code userKey} taken from the caller's
     * subject instead of from the client; refused when no authorizer identified the caller.
     */
    public Validated bindIdentity(Caller caller, Validated request) throws Rejection {
        if (!bindUserIdentity) {
            return request;
        }
        if (caller.subject() == null) {
            throw new Rejection(403, Reason.IDENTITY_REQUIRED, "This endpoint binds tokens to the caller's identity,"
                    + " but the request carries none: call it through the API's authorizer");
        }
        Map<String, Object> values = new LinkedHashMap<>(request.values());
        values.put("userIdentity", fit(caller.subject(), Contracts.USER_IDENTITY_MAX_LENGTH));
        values.put("userKey", fit(caller.subject(), Contracts.USER_KEY_MAX_LENGTH));
        return new Validated(values, request.errors());
    }

    /**
     * Whether a claim value grants the host role: equal to HOST_ROLE_VALUE, or holding it as one entry of a list
     * (API Gateway passes Cognito's {@code cognito:groups} as "hosts" or "[admins, hosts]" or "admins,hosts").
     */
    private boolean grants(String claimValue) {
        if (claimValue == null) {
            return false;
        }
        String list = claimValue.strip();
        if (list.equals(hostRoleValue)) {
            return true;
        }
        if (list.startsWith("[") && list.endsWith("]")) {
            list = list.substring(1, list.length() - 1);
        }
        for (String entry : list.split("[,\\s]+")) {
            if (entry.equals(hostRoleValue)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The subject itself when the claim can hold it, else 32 hex digits of its SHA-256: stable per caller and
     * distinct between callers, where cutting it short could make two callers one.
     */
    static String fit(String subject, int maxLength) {
        if (subject.length() <= maxLength) {
            return subject;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
