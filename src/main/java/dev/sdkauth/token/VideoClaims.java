package dev.sdkauth.token;

import dev.sdkauth.request.Validated;
import dev.sdkauth.request.VideoDialect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Claims of a Video SDK JWT, in the order Zoom's sample writes them; optional claims only when given. */
public final class VideoClaims {
    public static final String KEY = "app_key";
    public static final String VERSION = "version";
    /** The only {@code version} Zoom documents. */
    public static final long VERSION_VALUE = 1;

    /** The required claims taken from the request, in official property names (the seed dialect renames them). */
    public static final List<ClaimProperty> REQUIRED = List.of(
            new ClaimProperty("role_type", VideoDialect.OFFICIAL.roleProperty()),
            new ClaimProperty("tpc", VideoDialect.OFFICIAL.sessionNameProperty()));

    /**
     * The claims that appear only when the client sent them. audioCompatibleMode is the deprecated spelling of
     * audioWebRtcMode, so it comes second: audioWebRtcMode wins when both are given.
     */
    public static final List<ClaimProperty> OPTIONAL = List.of(
            new ClaimProperty("user_identity", "userIdentity"),
            new ClaimProperty("user_key", "userKey"),
            new ClaimProperty("session_key", "sessionKey"),
            new ClaimProperty("geo_regions", "geoRegions"),
            new ClaimProperty("cloud_recording_option", "cloudRecordingOption"),
            new ClaimProperty("cloud_recording_election", "cloudRecordingElection"),
            new ClaimProperty("cloud_recording_transcript_option", "cloudRecordingTranscriptOption"),
            new ClaimProperty("telemetry_tracking_id", "telemetryTrackingId"),
            new ClaimProperty("video_webrtc_mode", "videoWebRtcMode"),
            new ClaimProperty("audio_webrtc_mode", "audioWebRtcMode", "audioCompatibleMode"));

    /** Every claim taken from a request property: what the token doctor judges with the contract's rows. */
    public static final List<ClaimProperty> FROM_REQUEST = concat(REQUIRED, OPTIONAL);

    private VideoClaims() {
    }

    public static Map<String, Object> of(String appKey, VideoDialect dialect, Validated request, long issuedAt) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put(KEY, appKey);
        copy(REQUIRED, dialect, request, claims);
        claims.put(VERSION, VERSION_VALUE);
        claims.put("iat", issuedAt);
        claims.put("exp", issuedAt + dialect.lifetimeSeconds(request));
        copy(OPTIONAL, dialect, request, claims);
        return claims;
    }

    /** What the seed dialect answers as {@code _payload}: the claims without the times. */
    public static Map<String, Object> withoutTimes(Map<String, Object> claims) {
        Map<String, Object> payload = new LinkedHashMap<>(claims);
        payload.remove("iat");
        payload.remove("exp");
        return payload;
    }

    private static void copy(List<ClaimProperty> rows, VideoDialect dialect, Validated request,
                             Map<String, Object> claims) {
        for (ClaimProperty row : rows) {
            for (String property : row.properties()) {
                String name = dialect.property(property);
                if (request.has(name)) {
                    claims.put(row.claim(), request.get(name));
                    break;
                }
            }
        }
    }

    private static List<ClaimProperty> concat(List<ClaimProperty> first, List<ClaimProperty> second) {
        List<ClaimProperty> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
