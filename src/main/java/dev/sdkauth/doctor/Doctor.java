package dev.sdkauth.doctor;

import dev.sdkauth.policy.SessionNames;

import dev.sdkauth.Json;
import dev.sdkauth.credentials.CredentialsUnavailable;
import dev.sdkauth.credentials.Product;
import dev.sdkauth.credentials.SdkCredentials;
import dev.sdkauth.token.MeetingClaims;
import dev.sdkauth.token.VideoClaims;

import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Says why Zoom would refuse a token: decodes it without trusting it, tells which kind it is, checks its header,
 * claims and times with the rules the endpoint issues by, what it is for (session or meeting) and its signature.
 * A pasted ZAK is told apart first and only described ({@link ZakChecks}): it is Zoom's token, not an SDK token.
 */
public final class Doctor {
    private static final Set<String> VIDEO_MARKERS = Set.of(VideoClaims.KEY, "tpc", "role_type");
    private static final Set<String> MEETING_MARKERS = Set.of(MeetingClaims.KEYS.get(0), MeetingClaims.KEYS.get(1),
            MeetingClaims.MEETING_NUMBER.claim(), MeetingClaims.TOKEN_EXP);

    private final Clock clock;
    private final ConfiguredCredentials configured;

    /** @param configured the function's own credentials, to check a signature against when no secret is given */
    public Doctor(Clock clock, ConfiguredCredentials configured) {
        this.clock = clock;
        this.configured = configured;
    }

    /** @param secret a secret to check the signature with instead of the configured ones, or null */
    public Report examine(String input, Expectations expectations, ExplicitSecret secret) {
        List<String> notes = new ArrayList<>();
        Decoded decoded = Decoder.decode(input, notes);
        if (decoded instanceof Decoded.Undecodable undecodable) {
            return new Report(Kind.UNKNOWN, null, null, SignatureStatus.NOT_CHECKED,
                    List.of(Finding.error(null, undecodable.reason() + " Zoom cannot read it either.")),
                    List.copyOf(notes));
        }
        if (decoded instanceof Decoded.LegacySignature legacy) {
            return new Report(Kind.LEGACY_SIGNATURE, null, legacy.fields(), SignatureStatus.NOT_CHECKED,
                    List.of(Finding.error(null, "This is the old Meeting SDK signature from before it became a JWT:"
                            + " base64 of apiKey.meetingNumber.timestamp.role.hash, made with a JWT app's API key and"
                            + " secret and a timestamp in milliseconds. Current Meeting SDKs take a JWT signed with"
                            + " the Meeting SDK secret, and " + Zoom.JWT_APP_RETIRED_SHORT + ", so Zoom refuses it."
                            + " Fix: issue a Meeting SDK JWT (POST /meeting on this endpoint).")), List.copyOf(notes));
        }
        Decoded.Jwt jwt = (Decoded.Jwt) decoded;
        long now = Math.floorDiv(clock.millis(), 1000);
        Zak zak = Zak.of(jwt.claims());
        if (zak != null) {
            // Zoom's token, not an SDK token: none of the SDK rules below apply to it.
            return ZakChecks.examine(jwt, zak, expectations, secret, now, notes);
        }
        List<Finding> findings = new ArrayList<>(jwt.findings());
        header(jwt.header(), findings);
        Kind kind = kind(jwt.claims(), findings);
        switch (kind) {
            case VIDEO_SDK -> ClaimChecks.video(jwt.claims(), now, findings);
            case MEETING_SDK -> ClaimChecks.meeting(jwt.claims(), now, findings);
            default -> {
                // no claims table to judge by; kind() said why
            }
        }
        expectations(kind, jwt.claims(), expectations, findings);
        SignatureStatus signature = signature(jwt, kind, expectations, secret, findings, notes);
        if (kind == Kind.MEETING_SDK) {
            notes.add(Zoom.OBF);
        }
        // Errors first, each group in the order the checks ran (header, kind, claims, times, purpose, signature).
        findings.sort(Comparator.comparing(Finding::severity));
        return new Report(kind, jwt.header(), jwt.claims(), signature, List.copyOf(findings), List.copyOf(notes));
    }

    /** Zoom's SDKs take exactly HS256 tokens of type JWT (Video SDK and Meeting SDK auth docs). */
    private static void header(Map<String, Object> header, List<Finding> findings) {
        Object alg = header.get("alg");
        if (!"HS256".equals(alg)) {
            findings.add(Finding.error("alg", "alg is " + describe(alg) + ", but Zoom's SDKs take only HS256"
                    + " (HMAC-SHA256 with the SDK secret). Zoom cannot verify the token and refuses it. Fix: sign"
                    + " with HS256."));
        }
        Object typ = header.get("typ");
        if (typ == null) {
            findings.add(Finding.warning("typ", "typ is missing; Zoom's docs give the header as {\"alg\": \"HS256\","
                    + " \"typ\": \"JWT\"}. Fix: add \"typ\": \"JWT\"."));
        } else if (!"JWT".equals(typ)) {
            findings.add(Finding.error("typ", "typ is " + describe(typ) + ", but Zoom's docs require \"JWT\"."
                    + " Fix: set \"typ\": \"JWT\"."));
        }
    }

    /**
     * The kind by the claims only the one kind has: app_key, tpc, role_type for Video SDK; appKey, sdkKey, mn,
     * tokenExp for Meeting SDK; iss and exp alone for a Zoom API JWT. A token with both sets is judged as the kind
     * it has more of, and told it mixes them.
     */
    private static Kind kind(Map<String, Object> claims, List<Finding> findings) {
        List<String> video = claims.keySet().stream().filter(VIDEO_MARKERS::contains).toList();
        List<String> meeting = claims.keySet().stream().filter(MEETING_MARKERS::contains).toList();
        if (!video.isEmpty() && !meeting.isEmpty()) {
            Kind kind = meeting.size() > video.size() ? Kind.MEETING_SDK : Kind.VIDEO_SDK;
            findings.add(Finding.error(null, "The claims mix both kinds of SDK token: " + String.join(", ", video)
                    + " belong to Video SDK tokens, " + String.join(", ", meeting) + " to Meeting SDK tokens. Judged"
                    + " as a " + kind.description() + ". Zoom reads only its own product's claims, so the others"
                    + " are missing to it. Fix: issue the token for one product (POST / for the Video SDK, POST"
                    + " /meeting for the Meeting SDK)."));
            return kind;
        }
        if (!video.isEmpty()) {
            return Kind.VIDEO_SDK;
        }
        if (!meeting.isEmpty()) {
            return Kind.MEETING_SDK;
        }
        if (claims.containsKey("iss") && claims.containsKey("exp")) {
            findings.add(Finding.error("iss", "This is a Zoom API JWT (iss = a JWT app's API key, exp), the token of"
                    + " a JWT app for Zoom's REST API, not an SDK token. " + Zoom.JWT_APP_RETIRED + " Fix: for"
                    + " the REST API use a Server-to-Server OAuth app; to join, use an SDK JWT signed with the SDK"
                    + " app's secret (POST / or POST /meeting on this endpoint)."));
            return Kind.ZOOM_API_JWT;
        }
        findings.add(Finding.error(null, "The claims are neither a Video SDK token's (app_key, tpc, role_type) nor a"
                + " Meeting SDK token's (appKey or sdkKey, mn, tokenExp). Zoom's SDKs refuse it. Fix: issue the"
                + " token with this endpoint (POST / or POST /meeting)."));
        return Kind.UNKNOWN;
    }

    private static void expectations(Kind kind, Map<String, Object> claims, Expectations expected,
                                     List<Finding> findings) {
        if (expected.session() != null) {
            if (kind != Kind.VIDEO_SDK) {
                findings.add(Finding.error(null, "--session names a Video SDK session, but this is a "
                        + kind.description() + ": it names no session (tpc). Fix: join with a Video SDK token, or"
                        + " check a Meeting SDK token with --meeting."));
            } else if (claims.get("tpc") instanceof String tpc && !sameSession(tpc, expected.session())) {
                boolean spaces = sameSession(tpc.strip(), expected.session().strip());
                findings.add(Finding.error("tpc", "tpc is " + describe(tpc) + ", but the session joined is "
                        + describe(expected.session()) + (spaces ? "; they differ only in leading or trailing"
                        + " spaces" : "") + ". " + Zoom.SESSION_MISMATCH + " Fix: issue the token with sessionName"
                        + " set to the session name passed to join."));
            }
        }
        if (expected.meeting() != null) {
            if (kind != Kind.MEETING_SDK) {
                findings.add(Finding.error(null, "--meeting names a Meeting SDK meeting, but this is a "
                        + kind.description() + ". Fix: join meetings with a Meeting SDK token (POST /meeting)."));
                return;
            }
            Object mn = claims.get(MeetingClaims.MEETING_NUMBER.claim());
            String digits = mn instanceof String text ? text : mn instanceof Long || mn instanceof BigInteger
                    ? mn.toString() : null;
            if (mn == null) {
                findings.add(Finding.warning("mn", "The token names no meeting (no mn): a native Meeting SDK token,"
                        + " good for any meeting. The web Meeting SDK needs mn and role. Fix: for the web, issue the"
                        + " token with meetingNumber and role."));
            } else if (digits != null && digits.matches("\\d+") && !digits.equals(expected.meeting())) {
                // Only digits are compared: an mn that is not a meeting number was reported by its contract row.
                findings.add(Finding.error("mn", "mn is " + describe(mn) + ", but the meeting joined is "
                        + expected.meeting() + ". " + Zoom.MEETING_REFUSES + " Fix: issue the token with"
                        + " meetingNumber set to the meeting joined."));
            }
        }
    }

    /** As the endpoint's own session policy judges names: Zoom joins them lower-cased ({@link SessionNames}). */
    private static boolean sameSession(String tpc, String session) {
        return SessionNames.same(tpc, session);
    }

    /**
     * Checks HS256 with the secret given, or else with the configured secret of the token's product and, when that
     * fails, the other product's: the most common cause of "Invalid signature" is the wrong app's secret.
     */
    private SignatureStatus signature(Decoded.Jwt jwt, Kind kind, Expectations expected, ExplicitSecret secret,
                                      List<Finding> findings, List<String> notes) {
        if (!"HS256".equals(jwt.header().get("alg"))) {
            notes.add("The signature was not checked: only HS256 signatures are.");
            return SignatureStatus.NOT_CHECKED;
        }
        // First, whatever secret was given: the development secret may well be the one in --secret-env.
        Product development = development(jwt, kind);
        if (development != null) {
            findings.add(Finding.error(null, "Signed with the development credentials: Zoom rejects it. serve and"
                    + " invoke sign with built-in development credentials when no " + development.label()
                    + " credentials are configured, and no Zoom app has them. Fix: export "
                    + development.keyVariable() + " and " + development.secretVariable() + " (or their _PARAMETER"
                    + " variables) with your app's credentials before serve or invoke, and get a new token."));
            return SignatureStatus.DEVELOPMENT;
        }
        if (secret != null) {
            if (SignatureCheck.verifies(jwt.signingInput(), jwt.signature(), secret.key())) {
                notes.add("The signature verifies with the secret in " + secret.variable() + ".");
                return SignatureStatus.VALID;
            }
            findings.add(Finding.error(null, "The signature does not verify with the secret in " + secret.variable()
                    + ". " + refusesSignature(kind) + " Fix: sign with the secret of the app the token is for, or"
                    + " check that " + secret.variable() + " holds it."));
            return SignatureStatus.INVALID;
        }
        Product product = kind.product();
        if (product == null) {
            notes.add("The signature was not checked: this is not an SDK token. Pass --secret-env VAR to check it"
                    + " with a secret of your own.");
            return SignatureStatus.NOT_CHECKED;
        }
        Product other = product == Product.VIDEO_SDK ? Product.MEETING_SDK : Product.VIDEO_SDK;
        SdkCredentials own = load(product, notes);
        SdkCredentials others = load(other, notes);
        if (own == null && others == null) {
            notes.add("The signature was not checked: no " + product.label() + " credentials are configured here ("
                    + product.keyVariable() + "/" + product.secretVariable() + " or their _PARAMETER variables, as"
                    + " the function reads them). Pass --secret-env VAR to check it with a secret.");
            return SignatureStatus.NOT_CHECKED;
        }
        keys(jwt.claims(), kind, expected.ownApp(), own, others, findings);
        if (own != null && SignatureCheck.verifies(jwt.signingInput(), jwt.signature(), own.secret())) {
            notes.add("The signature verifies with the configured " + product.label() + " secret.");
            return SignatureStatus.VALID;
        }
        if (others != null && SignatureCheck.verifies(jwt.signingInput(), jwt.signature(), others.secret())) {
            findings.add(Finding.error(null, "Signed with the " + other.label() + " secret, but this is a "
                    + product.label() + " token. " + refusesSignature(kind) + " Fix: sign " + product.label()
                    + " tokens with the " + product.label() + " app's secret (" + product.secretVariable() + "); the"
                    + " two apps' keys and secrets are not interchangeable."));
            return SignatureStatus.OTHER_PRODUCT;
        }
        if (own == null) {
            notes.add("The signature was not checked against the " + product.label() + " secret, which is not"
                    + " available here; it does not verify with the configured " + other.label() + " secret either.");
            return SignatureStatus.NOT_CHECKED;
        }
        findings.add(Finding.error(null, "The signature does not verify with the configured " + product.label()
                + " secret" + (others == null ? "" : " (nor with the " + other.label() + " secret)") + ". "
                + refusesSignature(kind) + " Fix: sign with the " + product.label() + " app's current secret; if it"
                + " was regenerated, update " + product.secretVariable() + " or its SSM parameter."));
        return SignatureStatus.INVALID;
    }

    /** The product whose development credentials sign this token (the token's own product tried first), or null. */
    private static Product development(Decoded.Jwt jwt, Kind kind) {
        List<Product> order = kind.product() == Product.MEETING_SDK
                ? List.of(Product.MEETING_SDK, Product.VIDEO_SDK) : List.of(Product.VIDEO_SDK, Product.MEETING_SDK);
        for (Product product : order) {
            if (SignatureCheck.verifies(jwt.signingInput(), jwt.signature(),
                    DevelopmentCredentials.of(product).secret())) {
                return product;
            }
        }
        return null;
    }

    private SdkCredentials load(Product product, List<String> notes) {
        try {
            return configured.load(product);
        } catch (CredentialsUnavailable unavailable) {
            // The reason names variables and parameters, never a value (CredentialsUnavailable's contract).
            notes.add("The configured " + product.label() + " credentials could not be read: "
                    + unavailable.getMessage());
            return null;
        }
    }

    /** The key claim against the configured keys: the other product's key is as common a mistake as its secret. */
    private static void keys(Map<String, Object> claims, Kind kind, boolean ownApp, SdkCredentials own,
                             SdkCredentials others, List<Finding> findings) {
        String claim = kind == Kind.VIDEO_SDK ? VideoClaims.KEY : MeetingClaims.KEYS.get(0);
        Object key = claims.get(claim);
        if (key == null && kind == Kind.MEETING_SDK) {
            claim = MeetingClaims.KEYS.get(1);
            key = claims.get(claim);
        }
        if (!(key instanceof String text) || own == null || text.equals(own.key())) {
            return;
        }
        Product product = kind.product();
        Product other = product == Product.VIDEO_SDK ? Product.MEETING_SDK : Product.VIDEO_SDK;
        if (others != null && text.equals(others.key())) {
            findings.add(Finding.error(claim, claim + " is the configured " + other.label() + " key, but this is a "
                    + product.label() + " token. Zoom looks the app up by this key and verifies with that app's"
                    + " secret. " + Zoom.refuses(kind) + " Fix: put the " + product.label() + " key in " + claim
                    + "."));
        } else if (ownApp) {
            findings.add(Finding.error(claim, claim + " is " + text + ", not the configured " + product.label()
                    + " key (" + own.key() + "): the endpoint signs with other credentials than these. Zoom looks"
                    + " the app up by this key and verifies with that app's secret. " + Zoom.refuses(kind)
                    + " Fix: give the function the key and secret of one and the same app (" + product.keyVariable()
                    + " and " + product.secretVariable() + ", or their SSM parameters)."));
        } else {
            findings.add(Finding.warning(claim, claim + " is not the configured " + product.label() + " key ("
                    + own.key() + "). Zoom verifies the token with the secret of the app this key names. Fix: sign"
                    + " with the key and secret of one and the same app."));
        }
    }

    private static String refusesSignature(Kind kind) {
        return kind == Kind.MEETING_SDK ? Zoom.MEETING_REFUSES
                : "Zoom refuses the token as not signed by the app (an invalid-token or invalid-parameter error).";
    }

    private static String describe(Object value) {
        return value == null ? "missing" : Json.write(value);
    }
}
