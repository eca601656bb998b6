package dev.sdkauth.doctor;

/**
 * What Zoom does with a bad token, in one place, so that every sentence the doctor prints about Zoom can be checked
 * against its source (docs/doctor.md cites each one):
 * <ul>
 *   <li>Video SDK auth: https://developers.zoom.us/docs/video-sdk/auth/ (claims, "Must be a number", exp 1800 s to
 *       48 h after iat, tpc case-insensitive, the characters tpc supports);</li>
 *   <li>Meeting SDK web error codes: https://developers.zoom.us/docs/meeting-sdk/web/error-codes/ (3705, 3712, 200);</li>
 *   <li>Meeting SDK auth and OBF: https://developers.zoom.us/docs/meeting-sdk/auth/ and the March 2, 2026 requirement;</li>
 *   <li>JWT app retirement: https://developers.zoom.us/changelog/platform/jwt-app-type-deprecation/.</li>
 * </ul>
 */
final class Zoom {
    /** Native Video SDKs name it Errors_Session_Invalid_Param (2014); the web SDK rejects join() likewise. */
    static final String VIDEO_REFUSES = "Zoom refuses the join (Errors_Session_Invalid_Param, 2014, on the native"
            + " Video SDKs).";
    static final String MEETING_REFUSES = "Zoom refuses the join: 3712 \"Signature is invalid\" on the web Meeting"
            + " SDK (or the generic 200 in its component view).";
    static final String VIDEO_EXPIRED = "Zoom refuses an expired token: the session cannot be joined.";
    static final String MEETING_EXPIRED = "Zoom refuses it: the web Meeting SDK reports 3705 \"The signature has"
            + " expired\".";
    /** The session name is compared case-insensitively: Zoom lowercases it (Video SDK sessions docs). */
    static final String SESSION_MISMATCH = "Zoom lowercases session names and refuses a token whose tpc is not the"
            + " session being joined (TOKEN_MISMATCHED_SESSION_NAME in the UI toolkit, Errors_Session_Invalid_Param"
            + " 2014 on the native SDKs).";
    static final String OBF = "Since March 2, 2026 Zoom refuses a Meeting SDK app joining a meeting hosted outside"
            + " the app's own account unless it also brings an OBF or ZAK token (fetched from Zoom's REST API, not"
            + " signed here). A token with no error above can still be refused for that reason; that refusal is not"
            + " a bad signature. See README.md, \"Joining meetings outside your own account\".";
    static final String JWT_APP_RETIRED = "Zoom stopped creating JWT apps on June 1, 2023 and deactivated them from"
            + " September 8, 2023: such a token opens neither Zoom's REST API nor an SDK.";

    /**
     * The symbols the Video SDK auth page lists for tpc, besides letters, digits and spaces: "Supports alphanumeric
     * characters, spaces, and standard visible symbols (!, #, $, %, &, (, ), +, -, :, ;, <, =, ., >, ?, @, [, ], ^, _,
     * {, }, |, ~, ,, \)". The printable ASCII it leaves out: " ' * / and the backquote.
     */
    static final String TPC_SYMBOLS = "!#$%&()+-:;<=.>?@[]^_{}|~,\\";
    /** Reported of the web Meeting SDK in issue 21; no Zoom page found states the limit (docs/doctor.md). */
    static final int LONGEST_WEB_MEETING_NUMBER = 12;
    static final String LONG_MEETING_NUMBER = "the web Meeting SDK's client view refuses a meeting number longer than "
            + LONGEST_WEB_MEETING_NUMBER + " digits (error 4003, invalid parameter).";

    static final String JWT_APP_RETIRED_SHORT = "JWT apps, whose API key and secret made this format, were deactivated"
            + " from September 8, 2023";

    private Zoom() {
    }

    static String refuses(Kind kind) {
        return kind == Kind.MEETING_SDK ? MEETING_REFUSES : VIDEO_REFUSES;
    }

    static String expired(Kind kind) {
        return kind == Kind.MEETING_SDK ? MEETING_EXPIRED : VIDEO_EXPIRED;
    }
}
