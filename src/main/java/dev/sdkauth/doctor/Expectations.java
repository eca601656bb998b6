package dev.sdkauth.doctor;

/**
 * What the person says the token is for: the Video SDK session or the Meeting SDK meeting being joined (either may
 * be null), and whether it must be the app whose credentials are configured here.
 *
 * @param meeting digits only
 * @param ownApp  the token came from this deployment (as {@code check} fetches it), so a key other than the
 *                configured one is an error; otherwise it may be another deployment's and is only a warning
 */
public record Expectations(String session, String meeting, boolean ownApp) {
    public static final Expectations NONE = new Expectations(null, null);

    public Expectations(String session, String meeting) {
        this(session, meeting, false);
    }
}
