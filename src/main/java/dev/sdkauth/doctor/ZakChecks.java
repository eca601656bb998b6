package dev.sdkauth.doctor;

import java.util.ArrayList;
import java.util.List;

/**
 * A pasted ZAK: what it is, whose, and whether it has expired. It is not an SDK token, so none of the SDK checks
 * apply, and its signature is Zoom's own (ES256 with a key only Zoom has), so the doctor says plainly that it has
 * not verified it. Zoom's ZAK page (docs/doctor.md, [Z]) is the source of every sentence about Zoom here.
 */
final class ZakChecks {
    private ZakChecks() {
    }

    static Report examine(Decoded.Jwt jwt, Zak zak, Expectations expected, ExplicitSecret secret, long now,
                          List<String> notes) {
        List<Finding> findings = new ArrayList<>(jwt.findings());
        notes.add("This is a ZAK: Zoom's token that lets its holder start and join meetings as user " + zak.uid()
                + ", " + zak.validity(now) + ". The Meeting SDK takes it as the join's zak beside a Meeting SDK JWT: with role 1 it starts the"
                + " user's meeting as host, with role 0 it joins as that user. Whoever has it can do the same, so"
                + " hand it only to that user's front end.");
        notes.add("The signature was not checked: Zoom signs ZAKs with its own key, which the doctor does not have,"
                + " so it cannot tell a genuine ZAK from a forged one; the claims above are as written, unverified."
                + " Zoom also invalidates a user's earlier ZAKs when they sign out of all devices, which no token"
                + " shows.");
        if (zak.expired(now)) {
            findings.add(Finding.error("exp", "The ZAK " + zak.validity(now) + ". Zoom refuses an expired ZAK: the"
                    + " Meeting SDK can neither start nor join as user " + zak.uid() + " with it. Fix: fetch a fresh"
                    + " ZAK right before starting the meeting (POST /meeting with zakUser); Zoom's ZAKs last 2 hours"
                    + " unless a longer time to live was asked for."));
        }
        if (expected.session() != null) {
            findings.add(Finding.error(null, "--session names a Video SDK session, but a ZAK is for the Meeting SDK"
                    + " only: Video SDK sessions take no ZAK. Fix: join the session with a Video SDK token."));
        }
        if (expected.meeting() != null) {
            notes.add("--meeting was not compared: a ZAK names no meeting; it serves any meeting its user may start"
                    + " or join.");
        }
        if (secret != null) {
            notes.add("--secret-env was not used: Zoom signs ZAKs itself, with no SDK secret.");
        }
        return new Report(Kind.ZAK, jwt.header(), jwt.claims(), SignatureStatus.NOT_CHECKED, List.copyOf(findings),
                List.copyOf(notes));
    }
}
