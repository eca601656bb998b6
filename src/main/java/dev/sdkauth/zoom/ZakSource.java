package dev.sdkauth.zoom;


/** Where a user's ZAK comes from: Zoom, through the Server-to-Server OAuth app. */
@FunctionalInterface
public interface ZakSource {
    /** A source for an endpoint without a Server-to-Server OAuth app: every ZAK is refused as misconfigured. */
    ZakSource NONE = user -> {
        throw new ZoomException(ZoomException.Kind.MISCONFIGURED, "ZAKs need a Server-to-Server OAuth app: set"
                + " ZOOM_S2S_ACCOUNT_ID_PARAMETER, ZOOM_S2S_CLIENT_ID_PARAMETER and ZOOM_S2S_CLIENT_SECRET_PARAMETER"
                + " (SSM parameter names), or ZOOM_S2S_ACCOUNT_ID, ZOOM_S2S_CLIENT_ID and ZOOM_S2S_CLIENT_SECRET", null);
    };

    String zak(String user) throws ZoomException;
}
