package dev.sdkauth.doctor;

import java.util.List;
import java.util.Map;

/**
 * A ZAK read from its claims, without trusting them: Zoom's token that lets its holder start and join meetings as
 * one Zoom user. Zoom does not document what a ZAK holds; the ZAKs it issues are JWTs with {@code aud: clientsm},
 * the user's ID in {@code uid} and {@code exp} in epoch seconds, and those three are what tells one apart.
 *
 * @param uid the Zoom user whose ZAK it is
 * @param exp when it expires, in epoch seconds
 */
public record Zak(String uid, long exp) {
    /** The audience of every ZAK Zoom issues: its web client ("client sm"), not an SDK app's key. */
    static final String AUDIENCE = "clientsm";

    /** The ZAK these claims make, or null when they are not a ZAK's. */
    public static Zak of(Map<String, Object> claims) {
        if (claims == null) {
            return null;
        }
        Object aud = claims.get("aud");
        // RFC 7519 lets aud be a string or a list of them; Zoom's ZAKs carry the string.
        boolean forZoom = AUDIENCE.equals(aud) || aud instanceof List<?> audiences && audiences.contains(AUDIENCE);
        if (forZoom && claims.get("uid") instanceof String uid && !uid.isBlank()
                && claims.get("exp") instanceof Long exp) {
            return new Zak(uid, exp);
        }
        return null;
    }

    public boolean expired(long nowSeconds) {
        return exp <= nowSeconds;
    }

    /** The UTC date it expires, as ISO 8601. */
    public String expires() {
        return Times.date(exp);
    }

    /** {@code valid until 2026-11-22T14:00:00Z (in 2 h)}, or {@code expired 3 min ago (2026-...Z)}. */
    public String validity(long nowSeconds) {
        return expired(nowSeconds) ? "expired " + Times.relative(exp - nowSeconds) + " (" + expires() + ")"
                : "valid until " + expires() + " (" + Times.relative(exp - nowSeconds) + ")";
    }
}
