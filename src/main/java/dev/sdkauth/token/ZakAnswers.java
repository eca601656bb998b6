package dev.sdkauth.token;

import dev.sdkauth.request.Reason;
import dev.sdkauth.request.Rejection;
import dev.sdkauth.request.ValidationError;
import dev.sdkauth.zoom.ZoomException;

import java.util.List;
import java.util.Map;

/**
 * What the endpoint answers when Zoom gives no ZAK: 404 naming {@code zakUser} for a user Zoom does not know, 503
 * "misconfigured" when Zoom refuses the app itself (or there is no Server-to-Server app), 503 with Zoom's own
 * {@code Retry-After} when Zoom is throttling, failing or slow. Its own class, loaded only when a ZAK is asked for.
 */
final class ZakAnswers {
    private ZakAnswers() {
    }

    /** @param zaks null when no Server-to-Server OAuth app is configured */
    static String fetch(ZakSource zaks, String property, String user) throws Rejection {
        if (zaks == null) {
            throw new Rejection(503, Reason.MISCONFIGURED, "ZAKs need a Server-to-Server OAuth app: set"
                    + " ZOOM_S2S_ACCOUNT_ID_PARAMETER, ZOOM_S2S_CLIENT_ID_PARAMETER and ZOOM_S2S_CLIENT_SECRET_PARAMETER"
                    + " (SSM parameter names), or ZOOM_S2S_ACCOUNT_ID, ZOOM_S2S_CLIENT_ID and ZOOM_S2S_CLIENT_SECRET");
        }
        try {
            return zaks.zak(user);
        } catch (ZoomException refused) {
            throw switch (refused.kind()) {
                case USER_NOT_FOUND -> new Rejection(404, Reason.ZAK_USER_NOT_FOUND, List.of(new ValidationError(
                        property, property + " is not a user Zoom knows in this account")));
                case MISCONFIGURED -> new Rejection(503, Reason.MISCONFIGURED, refused.getMessage());
                case UNAVAILABLE -> new Rejection(503, Reason.ZOOM_UNAVAILABLE, List.of(new ValidationError(
                        null, refused.getMessage())), refused.retryAfterSeconds() == null ? Map.of()
                        : Map.of("Retry-After", String.valueOf(refused.retryAfterSeconds())));
            };
        }
    }
}
