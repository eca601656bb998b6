package dev.sdkauth.token;

import dev.sdkauth.request.Validated;
import dev.sdkauth.request.VideoDialect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Claims of a Video SDK JWT, in the order Zoom's sample writes them; optional claims only when given. */
public final class VideoClaims {
    /**
     * The claims that appear only when the client sent them: claim name, then the request properties it is taken
     * from, first present wins. audioCompatibleMode is the deprecated spelling of audioWebRtcMode.
     */
    private static final List<OptionalClaim> OPTIONAL = List.of(
            new OptionalClaim("user_identity", "userIdentity"),
            new OptionalClaim("user_key", "userKey"),
            new OptionalClaim("session_key", "sessionKey"),
            new OptionalClaim("geo_regions", "geoRegions"),
            new OptionalClaim("cloud_recording_option", "cloudRecordingOption"),
            new OptionalClaim("cloud_recording_election", "cloudRecordingElection"),
            new OptionalClaim("cloud_recording_transcript_option", "cloudRecordingTranscriptOption"),
            new OptionalClaim("telemetry_tracking_id", "telemetryTrackingId"),
            new OptionalClaim("video_webrtc_mode", "videoWebRtcMode"),
            new OptionalClaim("audio_webrtc_mode", "audioWebRtcMode", "audioCompatibleMode"));

    private record OptionalClaim(String claim, String... properties) {
    }

    private VideoClaims() {
    }

    public static Map<String, Object> of(String appKey, VideoDialect dialect, Validated request, long issuedAt) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("app_key", appKey);
        claims.put("role_type", dialect.role(request));
        claims.put("tpc", dialect.sessionName(request));
        claims.put("version", 1);
        claims.put("iat", issuedAt);
        claims.put("exp", issuedAt + dialect.lifetimeSeconds(request));
        for (OptionalClaim optional : OPTIONAL) {
            for (String property : optional.properties()) {
                if (request.has(property)) {
                    claims.put(optional.claim(), request.get(property));
                    break;
                }
            }
        }
        return claims;
    }

    /** What the seed dialect answers as {@code _payload}: the claims without the times. */
    public static Map<String, Object> withoutTimes(Map<String, Object> claims) {
        Map<String, Object> payload = new LinkedHashMap<>(claims);
        payload.remove("iat");
        payload.remove("exp");
        return payload;
    }
}
