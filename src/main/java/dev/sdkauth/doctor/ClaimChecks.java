package dev.sdkauth.doctor;

import dev.sdkauth.Json;
import dev.sdkauth.request.Contract;
import dev.sdkauth.request.Contracts;
import dev.sdkauth.request.Coerce;
import dev.sdkauth.request.Field;
import dev.sdkauth.request.ValidationError;
import dev.sdkauth.request.VideoDialect;
import dev.sdkauth.token.ClaimProperty;
import dev.sdkauth.token.MeetingClaims;
import dev.sdkauth.token.VideoClaims;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The claims of an SDK token, judged by the tables the endpoint issues by: each claim taken from a request property
 * is read with that property's contract row ({@link Field#judge}), so a rule added for issuing is checked here too.
 * What only a received token can get wrong on top (a number sent as a string, a missing key) is added here.
 */
final class ClaimChecks {
    private ClaimChecks() {
    }

    static void video(Map<String, Object> claims, long now, List<Finding> findings) {
        Kind kind = Kind.VIDEO_SDK;
        Contract contract = VideoDialect.OFFICIAL.contract();
        key(VideoClaims.KEY, claims.get(VideoClaims.KEY), kind, findings);
        version(claims.get(VideoClaims.VERSION), findings);
        rows(VideoClaims.FROM_REQUEST, contract, claims, kind, findings);
        sessionNameCharacters(claims.get("tpc"), findings);
        TimeChecks.check(kind, claims, contract.field(VideoDialect.OFFICIAL.lifetimeProperty()), now, findings);
        Set<String> known = new HashSet<>(Set.of(VideoClaims.KEY, VideoClaims.VERSION, "iat", "exp"));
        VideoClaims.FROM_REQUEST.forEach(row -> known.add(row.claim()));
        unknown(claims, known, kind, findings);
    }

    static void meeting(Map<String, Object> claims, long now, List<Finding> findings) {
        Kind kind = Kind.MEETING_SDK;
        Contract contract = Contracts.MEETING;
        meetingKeys(claims, findings);
        rows(MeetingClaims.FROM_REQUEST, contract, claims, kind, findings);
        meetingNumberLength(claims.get(MeetingClaims.MEETING_NUMBER.claim()), findings);
        TimeChecks.check(kind, claims, contract.field(MeetingClaims.LIFETIME_PROPERTY), now, findings);
        Set<String> known = new HashSet<>(MeetingClaims.KEYS);
        known.addAll(Set.of("iat", "exp", MeetingClaims.TOKEN_EXP));
        MeetingClaims.FROM_REQUEST.forEach(row -> known.add(row.claim()));
        unknown(claims, known, kind, findings);
    }

    /** Every claim a table row maps to a property: present ones judged by the row, missing required ones named. */
    private static void rows(List<ClaimProperty> rows, Contract contract, Map<String, Object> claims, Kind kind,
                             List<Finding> findings) {
        Set<String> presentProperties = new LinkedHashSet<>();
        for (ClaimProperty row : rows) {
            Field<?> field = contract.field(row.property());
            Object raw = claims.get(row.claim());
            if (raw == null) {
                if (field.required()) {
                    findings.add(Finding.error(row.claim(), row.claim() + " is missing: Zoom requires it. "
                            + Zoom.refuses(kind) + " Fix: add it (this endpoint issues it from the required request"
                            + " property " + row.property() + ")."));
                }
                continue;
            }
            presentProperties.add(row.property());
            judge(row, field, raw, kind, findings);
        }
        // Rules spanning several properties (mn with role) hold of the claims they become.
        for (ValidationError broken : contract.schemaViolations(presentProperties)) {
            String claim = claimOf(rows, broken.property());
            findings.add(Finding.error(claim, claim + " is missing while its partner is present: " + broken.reason()
                    + " (the request rule this endpoint issues by; mn comes from meetingNumber). A web Meeting SDK"
                    + " token carries mn and role, a native one neither. " + Zoom.refuses(kind)));
        }
    }

    private static void judge(ClaimProperty row, Field<?> field, Object raw, Kind kind, List<Finding> findings) {
        String claim = row.claim();
        Field.Judgement<?> judgement = field.judge(raw);
        if (judgement.violation() != null) {
            findings.add(Finding.error(claim, claim + " " + judgement.violation() + ". " + Zoom.refuses(kind)
                    + " Fix: sign a value the endpoint would issue (request property " + row.property()
                    + ", same rule)."));
            return;
        }
        // The row accepted the value; the claim must also have the JSON type the endpoint writes, because the
        // request contract is lenient ("1" is 1 in a request) where Zoom is not ("Must be a number").
        Object written = judgement.value();
        if (written instanceof Long && raw instanceof String text) {
            findings.add(Finding.error(claim, claim + " is the string " + Json.write(text) + ": Zoom requires a JSON"
                    + " number here (\"Must be a number\"). " + Zoom.refuses(kind) + " Fix: write " + written
                    + " without quotes; parse the value to an integer before signing."));
        } else if (written instanceof Long && !(raw instanceof Long)) {
            findings.add(Finding.warning(claim, claim + " is written " + raw + ": whole, but not the plain integer"
                    + " Zoom's samples write. Fix: write " + written + "."));
        } else if (written instanceof String && !(raw instanceof String)) {
            findings.add(Finding.error(claim, claim + " is " + Coerce.describe(raw) + ", but this claim is a string"
                    + " (this endpoint writes " + Json.write(written) + "). " + Zoom.refuses(kind)
                    + " Fix: write it as one string."));
        }
    }

    private static String claimOf(List<ClaimProperty> rows, String property) {
        for (ClaimProperty row : rows) {
            if (row.properties().contains(property)) {
                return row.claim();
            }
        }
        return property;
    }

    /** The SDK key: the one claim that says which app signed, so it must be a non-empty string. */
    private static void key(String claim, Object raw, Kind kind, List<Finding> findings) {
        if (raw == null) {
            findings.add(Finding.error(claim, claim + " is missing: Zoom cannot tell which app signed the token. "
                    + Zoom.refuses(kind) + " Fix: set it to the " + kind.product().label() + " key (client ID)."));
        } else if (!(raw instanceof String key) || key.isBlank()) {
            findings.add(Finding.error(claim, claim + " must be the " + kind.product().label() + " key, a string;"
                    + " got " + Coerce.describe(raw) + ". " + Zoom.refuses(kind) + " Fix: set it to the key."));
        }
    }

    private static void meetingKeys(Map<String, Object> claims, List<Finding> findings) {
        String appKey = MeetingClaims.KEYS.get(0);
        String sdkKey = MeetingClaims.KEYS.get(1);
        Object app = claims.get(appKey);
        Object sdk = claims.get(sdkKey);
        if (app == null && sdk == null) {
            key(appKey, null, Kind.MEETING_SDK, findings);
            return;
        }
        if (app != null) {
            key(appKey, app, Kind.MEETING_SDK, findings);
        }
        if (sdk != null) {
            key(sdkKey, sdk, Kind.MEETING_SDK, findings);
        }
        if (app instanceof String a && sdk instanceof String s && !a.equals(s)) {
            findings.add(Finding.error(sdkKey, "appKey and sdkKey differ: they must both be the Meeting SDK key"
                    + " (client ID). " + Zoom.MEETING_REFUSES + " Fix: sign the same key into both."));
        }
        if (app == null) {
            findings.add(Finding.warning(appKey, "Only sdkKey names the key. Zoom's Meeting SDK auth docs name"
                    + " appKey, and its samples (like this endpoint) sign both with the same value. Fix: add appKey."));
        }
    }

    private static void version(Object raw, List<Finding> findings) {
        String claim = VideoClaims.VERSION;
        long expected = VideoClaims.VERSION_VALUE;
        if (raw instanceof Long version && version == expected) {
            return;
        }
        String problem = raw == null ? claim + " is missing"
                : raw instanceof String text ? claim + " is the string " + Json.write(text)
                : claim + " is " + Coerce.describe(raw);
        findings.add(Finding.error(claim, problem + ": Zoom's Video SDK auth docs require version " + expected
                + ", a number. " + Zoom.VIDEO_REFUSES + " Fix: add \"version\": " + expected + "."));
    }

    /**
     * A warning, not an error: the issuing contract takes any text as a session name, and Zoom documents what it
     * supports rather than what it refuses.
     */
    private static void sessionNameCharacters(Object raw, List<Finding> findings) {
        if (!(raw instanceof String tpc)) {
            return;
        }
        Set<String> outside = new LinkedHashSet<>();
        tpc.codePoints().filter(c -> !supportedInSessionName(c)).limit(50)
                .forEach(c -> outside.add(invisible(c) ? String.format("U+%04X", c) : Json.write(Character.toString(c))));
        if (!outside.isEmpty()) {
            findings.add(Finding.warning("tpc", "tpc holds " + String.join(" ", outside.stream().limit(8).toList())
                    + (outside.size() > 8 ? " and more" : "") + ": characters outside those Zoom's Video SDK auth"
                    + " page lists for session names (letters, digits, spaces and "
                    + String.join(" ", Zoom.TPC_SYMBOLS.chars().mapToObj(Character::toString).toList()) + "). "
                    + "Zoom may refuse the join or never match it with the session name. Fix: issue tokens for"
                    + " session names made of those characters only."));
        }
    }

    /** Tabs, other spaces, controls and zero-width marks, which a person could not see quoted. */
    private static boolean invisible(int c) {
        return Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.getType(c) == Character.FORMAT;
    }

    private static boolean supportedInSessionName(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' '
                || Zoom.TPC_SYMBOLS.indexOf(c) >= 0;
    }

    /** Beyond 20 digits the contract row has already said it is not a meeting number. */
    private static void meetingNumberLength(Object raw, List<Finding> findings) {
        String digits = raw instanceof String text ? text : raw instanceof Long || raw instanceof BigInteger
                ? raw.toString() : null;
        if (digits != null && digits.matches("\\d{" + (Zoom.LONGEST_WEB_MEETING_NUMBER + 1) + ",20}")) {
            findings.add(Finding.warning("mn", "mn has " + digits.length() + " digits: " + Zoom.LONG_MEETING_NUMBER
                    + " Fix: check that mn is the number of the meeting joined."));
        }
    }

    private static void unknown(Map<String, Object> claims, Set<String> known, Kind kind, List<Finding> findings) {
        for (String claim : claims.keySet()) {
            if (!known.contains(claim)) {
                findings.add(Finding.warning(claim, claim + " is not a claim Zoom documents for "
                        + kind.product().label() + " tokens. It is most likely ignored; remove it if the token is"
                        + " refused."));
            }
        }
    }
}
