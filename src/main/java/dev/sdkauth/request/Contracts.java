package dev.sdkauth.request;

import static dev.sdkauth.request.Coerce.INTEGER;
import static dev.sdkauth.request.Coerce.MEETING_NUMBER;
import static dev.sdkauth.request.Coerce.TEXT;
import static dev.sdkauth.request.Coerce.regions;
import static dev.sdkauth.request.Field.optional;
import static dev.sdkauth.request.Field.required;
import static dev.sdkauth.request.Rules.between;
import static dev.sdkauth.request.Rules.length;
import static dev.sdkauth.request.Rules.maxLength;
import static dev.sdkauth.request.Rules.oneOf;
import static dev.sdkauth.request.Rules.together;

import java.util.ArrayList;
import java.util.List;

/**
 * The three request contracts as tables. Limits are inclusive: Zoom documents "fewer than 200" but its own
 * validator and token service accept exactly 200.
 */
public final class Contracts {
    public static final List<String> GEO_REGIONS =
            List.of("AU", "BR", "CA", "CN", "DE", "HK", "IN", "JP", "MX", "NL", "SG", "US");

    public static final long DEFAULT_EXPIRATION_SECONDS = 7200;
    public static final int USER_IDENTITY_MAX_LENGTH = 35;
    public static final int USER_KEY_MAX_LENGTH = 36;

    /** The optional Video SDK properties both dialects share. */
    private static final List<Field<?>> VIDEO_OPTIONS = List.of(
            optional("userIdentity", TEXT, maxLength(USER_IDENTITY_MAX_LENGTH)),
            optional("userKey", TEXT, maxLength(USER_KEY_MAX_LENGTH)),
            optional("sessionKey", TEXT, maxLength(36)),
            optional("geoRegions", regions(GEO_REGIONS)),
            optional("cloudRecordingOption", INTEGER, oneOf(0, 1)),
            optional("cloudRecordingElection", INTEGER, oneOf(0, 1)),
            optional("telemetryTrackingId", TEXT));

    /** {@code POST /}, the zoom/videosdk-auth-endpoint-sample contract. */
    public static final Contract VIDEO = contract(List.of(),
            List.of(required("sessionName", TEXT, length(1, 200)),
                    required("role", INTEGER, oneOf(0, 1)),
                    optional("expirationSeconds", INTEGER, between(1800, 172800))),
            VIDEO_OPTIONS,
            List.of(optional("cloudRecordingTranscriptOption", INTEGER, oneOf(0, 1, 2)),
                    optional("videoWebRtcMode", INTEGER, oneOf(0, 1)),
                    optional("audioWebRtcMode", INTEGER, oneOf(0, 1)),
                    // Deprecated spelling of audioWebRtcMode, still sent by older front ends.
                    optional("audioCompatibleMode", INTEGER, oneOf(0, 1))));

    /** {@code POST /} in the older TypeScript server's dialect. */
    public static final Contract VIDEO_SEED = contract(List.of(),
            List.of(required("topic", TEXT, length(1, 200)),
                    required("roleType", INTEGER, oneOf(0, 1)),
                    required("expirationMinutes", INTEGER, between(30, 2880))),
            VIDEO_OPTIONS);

    /** {@code POST /meeting}, the zoom/meetingsdk-auth-endpoint-sample contract. */
    public static final Contract MEETING = contract(List.of(together("meetingNumber", "role")),
            List.of(optional("meetingNumber", MEETING_NUMBER),
                    optional("role", INTEGER, oneOf(0, 1)),
                    optional("expirationSeconds", INTEGER, between(1800, 172800)),
                    optional("videoWebRtcMode", INTEGER, oneOf(0, 1)),
                    // Not a claim: whose ZAK to answer beside the signature (a Zoom user ID or e-mail).
                    optional("zakUser", TEXT, length(1, 128))));

    private Contracts() {
    }

    @SafeVarargs
    private static Contract contract(List<Rules.SchemaRule> schemaRules, List<Field<?>>... groups) {
        List<Field<?>> fields = new ArrayList<>();
        for (List<Field<?>> group : groups) {
            fields.addAll(group);
        }
        return new Contract(schemaRules, fields);
    }
}
