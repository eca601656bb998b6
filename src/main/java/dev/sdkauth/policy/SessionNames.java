package dev.sdkauth.policy;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Session names as Zoom judges them: without regard to case. Zoom's Video SDK auth page says the {@code tpc} claim
 * is "case-insensitive (converted to lowercase)", and the Video SDK web client lower-cases the topic before it
 * joins, so {@code Team-Blue} and {@code team-blue} are one session. Every comparison of session names (the
 * operator's pattern, the doctor's {@code --session}) goes through here.
 */
public final class SessionNames {
    private SessionNames() {
    }

    /** The session a name joins: the name lower-cased, as Zoom does. */
    public static String asZoomJoins(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Whether two names join the same session. */
    public static boolean same(String a, String b) {
        return asZoomJoins(a).equals(asZoomJoins(b));
    }

    /**
     * The operator's {@code SESSION_NAME_PATTERN}, applied case-insensitively: a deny-list such as
     * {@code (?!admin$).*} then refuses {@code ADMIN} too, and a pattern written with capitals still matches.
     */
    public static Pattern pattern(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** Whether {@code pattern} (from {@link #pattern}) admits the session {@code name} joins, matched whole. */
    public static boolean admits(Pattern pattern, String name) {
        return pattern.matcher(asZoomJoins(name)).matches();
    }
}
