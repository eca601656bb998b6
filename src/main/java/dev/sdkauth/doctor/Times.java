package dev.sdkauth.doctor;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Epoch seconds as a person reads them: a UTC date, and how far from now. */
final class Times {
    private Times() {
    }

    /** {@code 2026-11-22T11:59:30Z, in 1 h 59 min}. */
    static String describe(long epochSeconds, long nowSeconds) {
        return date(epochSeconds) + ", " + relative(epochSeconds - nowSeconds);
    }

    /** The UTC ISO date, or a sentence when the number is beyond any date Java can show. */
    static String date(long epochSeconds) {
        if (epochSeconds < Instant.MIN.getEpochSecond() || epochSeconds > Instant.MAX.getEpochSecond()) {
            return "beyond any calendar date";
        }
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(epochSeconds));
    }

    /** {@code in 1 h 59 min}, {@code 3 min ago}, {@code now}. */
    static String relative(long deltaSeconds) {
        if (deltaSeconds == 0) {
            return "now";
        }
        String span = duration(Math.abs(deltaSeconds));
        return deltaSeconds > 0 ? "in " + span : span + " ago";
    }

    /** A length of time, to the precision a person needs: seconds up to a minute, no seconds beyond ten minutes. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            long rest = seconds % 60;
            return minutes < 10 && rest != 0 ? minutes + " min " + rest + " s" : minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 48) {
            long rest = minutes % 60;
            return rest == 0 ? hours + " h" : hours + " h " + rest + " min";
        }
        long days = hours / 24;
        if (days < 1000) {
            long rest = hours % 24;
            return rest == 0 ? days + " d" : days + " d " + rest + " h";
        }
        return String.format(Locale.ROOT, "%,d years", days / 365);
    }
}
