package dev.sdkauth.doctor;

/**
 * What the person says the token is for: the Video SDK session or the Meeting SDK meeting being joined. Either may
 * be null.
 *
 * @param meeting digits only
 */
public record Expectations(String session, String meeting) {
    public static final Expectations NONE = new Expectations(null, null);
}
