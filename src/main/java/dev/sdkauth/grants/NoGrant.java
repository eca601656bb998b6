package dev.sdkauth.grants;

/** The user has no usable grant: never authorized the app, removed it, or Zoom refuses the grant's refresh token. */
public final class NoGrant extends Exception {
    public NoGrant(String why) {
        super(why, null, false, false);
    }
}
