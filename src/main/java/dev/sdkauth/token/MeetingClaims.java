package dev.sdkauth.token;

import dev.sdkauth.request.Contracts;
import dev.sdkauth.request.Validated;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Claims of a Meeting SDK JWT. With a meeting number and role it is a web SDK token; without both it is a
 * native SDK token, which carries neither {@code mn} nor {@code role}.
 */
public final class MeetingClaims {
    /** Both carry the SDK key (the client ID of newer apps): {@code appKey} as documented, {@code sdkKey} as the samples add. */
    public static final List<String> KEYS = List.of("appKey", "sdkKey");
    public static final String TOKEN_EXP = "tokenExp";
    /** The property whose value is {@code exp - iat}. */
    public static final String LIFETIME_PROPERTY = "expirationSeconds";

    public static final ClaimProperty MEETING_NUMBER = new ClaimProperty("mn", "meetingNumber");
    public static final ClaimProperty ROLE = new ClaimProperty("role", "role");
    public static final ClaimProperty VIDEO_WEBRTC_MODE = new ClaimProperty("video_webrtc_mode", "videoWebRtcMode");

    /** Every claim taken from a request property: what the token doctor judges with the contract's rows. */
    public static final List<ClaimProperty> FROM_REQUEST = List.of(MEETING_NUMBER, ROLE, VIDEO_WEBRTC_MODE);

    private MeetingClaims() {
    }

    public static Map<String, Object> of(String sdkKey, Validated request, long issuedAt) {
        long expiresAt = issuedAt + request.integer(LIFETIME_PROPERTY, Contracts.DEFAULT_EXPIRATION_SECONDS);
        Map<String, Object> claims = new LinkedHashMap<>();
        KEYS.forEach(key -> claims.put(key, sdkKey));
        // The contract requires meetingNumber and role together, so copying each when present keeps them paired.
        copy(MEETING_NUMBER, request, claims);
        copy(ROLE, request, claims);
        claims.put("iat", issuedAt);
        claims.put("exp", expiresAt);
        claims.put(TOKEN_EXP, expiresAt);
        copy(VIDEO_WEBRTC_MODE, request, claims);
        return claims;
    }

    private static void copy(ClaimProperty row, Validated request, Map<String, Object> claims) {
        if (request.has(row.property())) {
            claims.put(row.claim(), request.get(row.property()));
        }
    }
}
