package dev.sdkauth.policy;

import dev.sdkauth.Environment;
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
import java.util.Locale;
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
    private final String hostRoleClaim;
    private final String hostRoleValue;
    private final Pattern sessionNames;
    private final boolean bindUserIdentity;
    private final String misconfiguration;

    private IssuancePolicy(long maxRole, String hostRoleClaim, String hostRoleValue, Pattern sessionNames,
                           boolean bindUserIdentity, String misconfiguration) {
        this.maxRole = maxRole;
        this.hostRoleClaim = hostRoleClaim;
        this.hostRoleValue = hostRoleValue;
        this.sessionNames = sessionNames;
        this.bindUserIdentity = bindUserIdentity;
        this.misconfiguration = misconfiguration;
    }

    /**
     * MAX_ROLE (0 or 1, default 1), HOST_ROLE_CLAIM with HOST_ROLE_VALUE, SESSION_NAME_PATTERN, BIND_USER_IDENTITY.
     * A problem is described by the setting's name only, never its value: the description is logged and answered.
     */
    public static IssuancePolicy from(Environment env) {
        List<String> problems = new ArrayList<>();
        String maxRoleText = env.get("MAX_ROLE");
        long maxRole = 1;
        if (maxRoleText != null) {
            if (maxRoleText.strip().equals("0") || maxRoleText.strip().equals("1")) {
                maxRole = Long.parseLong(maxRoleText.strip());
            } else {
                problems.add("MAX_ROLE must be 0 or 1");
            }
        }
        String claim = env.get("HOST_ROLE_CLAIM");
        String value = env.get("HOST_ROLE_VALUE");
        if ((claim == null) != (value == null)) {
            problems.add("HOST_ROLE_CLAIM and HOST_ROLE_VALUE must be set together");
        }
        Pattern sessionNames = null;
        String pattern = env.get("SESSION_NAME_PATTERN");
        if (pattern != null) {
            try {
                sessionNames = Pattern.compile(pattern);
            } catch (PatternSyntaxException broken) {
                problems.add("SESSION_NAME_PATTERN is not a valid regular expression ("
                        + Text.clip(broken.getDescription(), 100) + ")");
            }
        }
        String bind = env.get("BIND_USER_IDENTITY");
        boolean bindUserIdentity = bind != null && bind.strip().toLowerCase(Locale.ROOT).equals("true");
        if (bind != null && !bindUserIdentity && !bind.strip().equalsIgnoreCase("false")) {
            problems.add("BIND_USER_IDENTITY must be true or false");
        }
        return new IssuancePolicy(maxRole, claim, value, sessionNames, bindUserIdentity,
                problems.isEmpty() ? null : "The endpoint is misconfigured: " + String.join("; ", problems));
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
            throw new Rejection(503, "misconfigured", misconfiguration);
        }
        List<ValidationError> refusals = new ArrayList<>();
        String code = null;
        if (role != null && role > maxRole) {
            refusals.add(new ValidationError(roleProperty, roleProperty + " " + role
                    + " (host) is not issued by this endpoint: it issues role 0 only"));
            code = "role_refused";
        } else if (role != null && role == 1 && hostRoleClaim != null && !grants(caller.attribute(hostRoleClaim))) {
            refusals.add(new ValidationError(roleProperty, roleProperty
                    + " 1 (host) is only issued to callers whose " + hostRoleClaim + " claim allows it"));
            code = "role_refused";
        }
        if (sessionNames != null && sessionName != null && !sessionNames.matcher(sessionName).matches()) {
            refusals.add(new ValidationError(sessionProperty, sessionProperty
                    + " is not a session this endpoint issues tokens for"));
            code = code == null ? "session_refused" : code;
        }
        if (!refusals.isEmpty()) {
            throw new Rejection(403, code, refusals);
        }
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
            throw new Rejection(403, "identity_required", "This endpoint binds tokens to the caller's identity,"
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
