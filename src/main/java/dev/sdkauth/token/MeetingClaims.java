package dev.sdkauth.token;

import dev.sdkauth.request.Contracts;
import dev.sdkauth.request.Validated;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Claims of a Meeting SDK JWT. With a meeting number and role it is a web SDK token; without both it is a
 * native SDK token, which carries neither {@code mn} nor {@code role}.
 */
public final class MeetingClaims {
    private MeetingClaims() {
    }

    public static Map<String, Object> of(String sdkKey, Validated request, long issuedAt) {
        long expiresAt = issuedAt + request.integer("expirationSeconds", Contracts.DEFAULT_EXPIRATION_SECONDS);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("appKey", sdkKey);
        claims.put("sdkKey", sdkKey);
        if (request.has("meetingNumber")) {
            claims.put("mn", request.get("meetingNumber"));
            claims.put("role", request.get("role"));
        }
        claims.put("iat", issuedAt);
        claims.put("exp", expiresAt);
        claims.put("tokenExp", expiresAt);
        if (request.has("videoWebRtcMode")) {
            claims.put("video_webrtc_mode", request.get("videoWebRtcMode"));
        }
        return claims;
    }
}
