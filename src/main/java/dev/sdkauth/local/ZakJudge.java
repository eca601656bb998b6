package dev.sdkauth.local;

import dev.sdkauth.Json;
import dev.sdkauth.Text;
import dev.sdkauth.doctor.Doctor;
import dev.sdkauth.doctor.Expectations;
import dev.sdkauth.doctor.Finding;
import dev.sdkauth.doctor.Kind;
import dev.sdkauth.doctor.Report;
import dev.sdkauth.doctor.Zak;

import java.util.List;

/**
 * What {@code check --zak-user} makes of the ZAK part of an answer: the ZAK that came back (or did not), and what a
 * refusal of it means. A ZAK is read by the doctor and never shown; Zoom signs it, so it is never called verified.
 */
final class ZakJudge {
    private final Doctor doctor;

    ZakJudge(Doctor doctor) {
        this.doctor = doctor;
    }

    /**
     * The ZAK beside the signature, read by the doctor without verifying it (Zoom signs it with its own key): that
     * one came back, whose it is and until when. It is never shown itself, only what the doctor read from it.
     */
    ZakAnswer judge(String asked, Object value, long now, List<Finding> findings) {
        if (!(value instanceof String text) || text.isBlank()) {
            findings.add(Finding.error(null, "Asked for the ZAK of " + asked + ", the answer has the signature but"
                    + " no zak beside it: the front end cannot start or join the meeting as that user. An endpoint"
                    + " that knows zakUser answers the ZAK or refuses the whole request. Fix: deploy a version of"
                    + " the function that takes zakUser (POST /meeting, README \"Joining meetings outside your own"
                    + " account\")."));
            return ZakAnswer.none(asked, now);
        }
        Report report = doctor.examine(text, Expectations.NONE, null);
        Zak zak = report.kind() == Kind.ZAK ? Zak.of(report.claims()) : null;
        if (zak == null) {
            findings.add(Finding.warning(null, "The answer's zak does not read as a ZAK as Zoom issues them (a JWT"
                    + " with aud clientsm, uid and exp; the doctor sees " + report.kind().description() + "), so"
                    + " whose it is and until when it is valid cannot be said. Fix: check that ZOOM_API_URL is"
                    + " Zoom's API (https://api.zoom.us, or api.zoomgov.com)."));
            return new ZakAnswer(asked, true, null, now);
        }
        // An expired ZAK is the doctor's error; it makes no SDK finding on a ZAK. Its uid is shown beside the user
        // asked for rather than compared: an e-mail cannot be, and Zoom does not document what uid holds.
        findings.addAll(report.findings());
        return new ZakAnswer(asked, true, zak, now);
    }

    /**
     * What the function's own refusal of a ZAK means: its policy (403 naming zakUser), a user Zoom does not know
     * (404 naming zakUser), or Zoom itself (a 503 whose reason names Zoom); null when it is none of those.
     */
    static String hint(String user, FrontEnd.Answer answer) {
        String retry = answer.header("retry-after");
        return switch (answer.status()) {
            case 403 -> names(answer.body(), "zakUser") ? "The endpoint's policy hands check no ZAK of " + user
                    + ": ZAK_USERS (the template parameter ZakUsers) says whose ZAKs it hands out, and a caller no"
                    + " authorizer identified gets one only with AnonymousHostTokens." : null;
            case 404 -> names(answer.body(), "zakUser") ? "Zoom does not know " + user + " in the account of the"
                    + " endpoint's Server-to-Server OAuth app. Fix: give --zak-user a user ID or e-mail of that"
                    + " account." : null;
            case 503 -> answer.body().contains("Zoom") ? (retry == null ? "" : "Retry-After: "
                    + Text.clip(retry, 20) + " s. ") + "Zoom throttled or failed (try again later), or the endpoint's"
                    + " Server-to-Server OAuth app is misconfigured (its credentials, or the scope"
                    + " user:read:token:admin); the reason above says which, the function's log more." : null;
            default -> null;
        };
    }

    /** Whether the function's errors name this property. */
    private static boolean names(String body, String property) {
        if (Json.at(ProbeJudge.parsed(body), "errors") instanceof List<?> errors) {
            return errors.stream().anyMatch(error -> property.equals(Json.text(error, "property")));
        }
        return false;
    }
}
