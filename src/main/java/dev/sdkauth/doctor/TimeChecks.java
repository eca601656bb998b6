package dev.sdkauth.doctor;

import dev.sdkauth.Json;
import dev.sdkauth.request.Coerce;
import dev.sdkauth.request.Field;
import dev.sdkauth.token.MeetingClaims;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * The times of an SDK token: iat and exp (and a Meeting SDK token's tokenExp) as Zoom reads them, whole epoch
 * seconds as JSON numbers, against this machine's clock. The lifetime rule is the issuing contract's own row.
 */
final class TimeChecks {
    /** How far iat may run ahead of this machine's clock before it is a finding: clocks differ by a little. */
    static final long FUTURE_TOLERANCE_SECONDS = 5;
    /** 10^11 seconds is the year 5138; a larger time is milliseconds (today is about 1.8 * 10^12 ms). */
    static final long MILLISECONDS_ABOVE = 100_000_000_000L;

    private TimeChecks() {
    }

    /** @param lifetime the contract row that judges {@code exp - iat}: expirationSeconds, as when issuing */
    static void check(Kind kind, Map<String, Object> claims, Field<?> lifetime, long now, List<Finding> findings) {
        Long iat = seconds("iat", claims.get("iat"), kind, findings);
        Long exp = seconds("exp", claims.get("exp"), kind, findings);
        if (iat != null && iat > now + FUTURE_TOLERANCE_SECONDS) {
            findings.add(Finding.error("iat", "iat is " + Times.duration(iat - now) + " ahead of this machine's clock"
                    + " (" + Times.date(iat) + "). Zoom refuses a token issued in its future; it reports an invalid"
                    + " or expired signature. This endpoint backdates iat by ISSUED_AT_LEEWAY_SECONDS (30 s by"
                    + " default) so that a verifier whose clock runs a little behind still accepts its tokens. Fix:"
                    + " set iat to the current time in whole seconds, less a leeway for such clocks, and check the"
                    + " clock of the server that signs (NTP) or of this one."));
        }
        if (exp != null && exp <= now) {
            findings.add(Finding.error("exp", "The token expired " + Times.relative(exp - now) + " ("
                    + Times.date(exp) + "). " + Zoom.expired(kind) + " Fix: fetch a fresh token right before"
                    + " joining."));
        }
        if (iat != null && exp != null) {
            lifetime("exp", exp - iat, "exp - iat", lifetime, kind, findings);
        }
        if (kind == Kind.MEETING_SDK) {
            tokenExp(claims, iat, exp, lifetime, now, findings);
        }
    }

    private static void tokenExp(Map<String, Object> claims, Long iat, Long exp, Field<?> lifetime, long now,
                                 List<Finding> findings) {
        String claim = MeetingClaims.TOKEN_EXP;
        Long tokenExp = seconds(claim, claims.get(claim), Kind.MEETING_SDK, findings);
        if (tokenExp == null) {
            return;
        }
        if (exp != null && tokenExp < exp) {
            findings.add(Finding.warning(claim, claim + " (" + Times.date(tokenExp) + ") comes before exp ("
                    + Times.date(exp) + "). Zoom's samples, and this endpoint, set tokenExp equal to exp; an earlier"
                    + " tokenExp ends the token's use sooner than exp says. Fix: set tokenExp = exp."));
        }
        if (tokenExp <= now && (exp == null || exp > now)) {
            findings.add(Finding.error(claim, claim + " passed " + Times.relative(tokenExp - now) + " ("
                    + Times.date(tokenExp) + "). " + Zoom.MEETING_EXPIRED + " Fix: set tokenExp = exp, and fetch a"
                    + " fresh token right before joining."));
        }
        if (iat != null && !tokenExp.equals(exp)) {
            lifetime(claim, tokenExp - iat, claim + " - iat", lifetime, Kind.MEETING_SDK, findings);
        }
    }

    private static void lifetime(String claim, long seconds, String difference, Field<?> lifetime, Kind kind,
                                 List<Finding> findings) {
        String violation = lifetime.judge(seconds).violation();
        if (violation != null) {
            findings.add(Finding.error(claim, "The lifetime " + difference + " " + violation + " ("
                    + (seconds < 0 ? "minus " : "") + Times.duration(Math.abs(seconds)) + "): Zoom requires exp to"
                    + " be 30 min to 48 h after iat. " + Zoom.refuses(kind) + " Fix: set exp to iat plus 1800 to"
                    + " 172800 seconds (this endpoint's " + lifetime.name() + " rule)."));
        }
    }

    /**
     * The claim as whole epoch seconds, or null when it cannot be read as a time. Reports what Zoom would trip on:
     * missing, a string, a fraction, milliseconds. A string or milliseconds value is still returned (as seconds),
     * so that the other checks can say whether it would also be expired or too long-lived.
     */
    static Long seconds(String claim, Object raw, Kind kind, List<Finding> findings) {
        if (raw == null) {
            findings.add(Finding.error(claim, claim + " is missing: Zoom needs it, in whole epoch seconds. "
                    + Zoom.refuses(kind) + " Fix: add it" + (claim.equals(MeetingClaims.TOKEN_EXP)
                    ? ", equal to exp, as Zoom's samples and this endpoint do." : ".")));
            return null;
        }
        BigDecimal value = decimal(raw);
        if (raw instanceof String text) {
            findings.add(Finding.error(claim, claim + " is the string " + Json.write(text) + ": Zoom needs a JSON"
                    + " number here (\"iat value is long format, not a string\"). " + Zoom.refuses(kind)
                    + " Fix: write the number without quotes."));
        } else if (value == null) {
            findings.add(Finding.error(claim, claim + " must be a number of epoch seconds, got "
                    + Coerce.describe(raw) + ". " + Zoom.refuses(kind) + " Fix: write whole seconds since 1970."));
        }
        if (value == null) {
            return null;
        }
        if (value.stripTrailingZeros().scale() > 0) {
            findings.add(Finding.error(claim, claim + " is " + value.toPlainString() + ", with a fraction: Zoom"
                    + " needs whole seconds. " + Zoom.refuses(kind) + " Fix: round down, as Math.floor(Date.now() /"
                    + " 1000) does."));
            value = value.setScale(0, RoundingMode.FLOOR);
        } else if (raw instanceof BigDecimal written) {
            findings.add(Finding.warning(claim, claim + " is written " + written + ", as a decimal: whole, but not"
                    + " the plain integer Zoom's samples write. Fix: write it as an integer."));
        }
        if (value.abs().compareTo(BigDecimal.valueOf(MILLISECONDS_ABOVE)) >= 0) {
            BigDecimal seconds = value.divide(BigDecimal.valueOf(1000), 0, RoundingMode.FLOOR);
            if (seconds.abs().compareTo(BigDecimal.valueOf(MILLISECONDS_ABOVE)) >= 0) {
                findings.add(Finding.error(claim, claim + " is " + value.toPlainString() + ": not a time, even in"
                        + " milliseconds. " + Zoom.refuses(kind) + " Fix: write whole epoch seconds."));
                return null;
            }
            findings.add(Finding.error(claim, claim + " is " + value.toPlainString() + ": milliseconds, not"
                    + " seconds (as milliseconds it is " + Times.date(seconds.longValue()) + "). Zoom reads seconds"
                    + " and sees a time thousands of years away. " + Zoom.refuses(kind) + " Fix: divide by 1000:"
                    + " Math.floor(Date.now() / 1000) in JavaScript, Instant.now().getEpochSecond() in Java."));
            value = seconds;
        }
        return value.longValueExact();
    }

    /** A JSON number, or a string holding one, as an exact decimal; null for anything else. */
    private static BigDecimal decimal(Object raw) {
        if (raw instanceof Long number) {
            return BigDecimal.valueOf(number);
        }
        if (raw instanceof BigInteger number) {
            return new BigDecimal(number);
        }
        if (raw instanceof BigDecimal number) {
            return number;
        }
        if (raw instanceof String text && text.strip().matches("[+-]?\\d{1,30}(\\.\\d{0,30})?")) {
            return new BigDecimal(text.strip());
        }
        return null;
    }
}
