package dev.sdkauth.local;

import dev.sdkauth.doctor.Zak;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What came back for the ZAK {@code check --zak-user} asked for: nothing, something that does not read as a ZAK,
 * or a ZAK, of which only its user and expiry are ever shown: a ZAK is a credential, so never the ZAK itself.
 *
 * @param asked     the user given to --zak-user (an ID or an e-mail)
 * @param returned  whether the answer carried a zak at all
 * @param zak       the ZAK's claims, read without verifying them; null when none came back or they do not read
 * @param checkedAt epoch seconds when it was judged, for "in 1 h 59 min"
 */
record ZakAnswer(String asked, boolean returned, Zak zak, long checkedAt) {

    static ZakAnswer none(String asked, long checkedAt) {
        return new ZakAnswer(asked, false, null, checkedAt);
    }

    /** {@code ZAK of alice@example.com (uid KdYK…) valid until 2026-…Z (in 2 h)}, for the probe's line. */
    String text() {
        if (!returned) {
            return "no ZAK of " + asked;
        }
        if (zak == null) {
            return "a zak for " + asked + " that does not read as a ZAK";
        }
        return "ZAK of " + asked + (zak.uid().equals(asked) ? "" : " (uid " + zak.uid() + ")") + " "
                + zak.validity(checkedAt);
    }

    /** {@code {"user", "returned", "uid", "exp", "expires", "expired"}}, the last four null without a ZAK. */
    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("user", asked);
        json.put("returned", returned);
        json.put("uid", zak == null ? null : zak.uid());
        json.put("exp", zak == null ? null : zak.exp());
        json.put("expires", zak == null ? null : zak.expires());
        json.put("expired", zak == null ? null : zak.expired(checkedAt));
        return json;
    }
}
