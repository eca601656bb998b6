package dev.sdkauth.token;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sdkauth.credentials.CredentialSource;
import dev.sdkauth.credentials.SdkCredentials;
import dev.sdkauth.request.Contracts;
import dev.sdkauth.request.Rejection;
import dev.sdkauth.request.Validated;
import dev.sdkauth.request.VideoDialect;

import java.time.Clock;
import java.util.Map;

/** Issues the two kinds of token: validate the body, fetch credentials, build claims, sign, shape the answer. */
public final class TokenService {
    private final CredentialSource videoCredentials;
    private final CredentialSource meetingCredentials;
    private final TokenSigner signer = new TokenSigner();
    private final Clock clock;

    public TokenService(CredentialSource videoCredentials, CredentialSource meetingCredentials, Clock clock) {
        this.videoCredentials = videoCredentials;
        this.meetingCredentials = meetingCredentials;
        this.clock = clock;
    }

    /** {@code {"signature": JWT}} in the official dialect, {@code {"_payload": {...}, "token": JWT}} in the seed one. */
    public ObjectNode video(ObjectNode body) throws Rejection {
        VideoDialect.Detection detection = VideoDialect.detect(body);
        if (detection.dialect() == null) {
            throw new Rejection(400, detection.conflicts());
        }
        VideoDialect dialect = detection.dialect();
        Validated request = valid(dialect.contract().validate(body));
        SdkCredentials credentials = videoCredentials.load();
        Map<String, Object> claims = VideoClaims.of(credentials.key(), dialect, request, issuedAt());
        String token = signer.sign(claims, credentials.secret());
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        if (dialect == VideoDialect.SEED) {
            answer.set("_payload", toJson(VideoClaims.withoutTimes(claims)));
            answer.put("token", token);
        } else {
            answer.put("signature", token);
        }
        return answer;
    }

    /** {@code {"signature": JWT, "sdkKey": key}}. */
    public ObjectNode meeting(ObjectNode body) throws Rejection {
        Validated request = valid(Contracts.MEETING.validate(body));
        SdkCredentials credentials = meetingCredentials.load();
        String token = signer.sign(MeetingClaims.of(credentials.key(), request, issuedAt()), credentials.secret());
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("signature", token);
        answer.put("sdkKey", credentials.key());
        return answer;
    }

    private static Validated valid(Validated request) throws Rejection {
        if (!request.ok()) {
            throw new Rejection(400, request.errors());
        }
        return request;
    }

    /** Whole seconds since the epoch, rounded down, so a token is never issued in the future. */
    private long issuedAt() {
        return Math.floorDiv(clock.millis(), 1000);
    }

    private static ObjectNode toJson(Map<String, Object> claims) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        claims.forEach((name, value) -> {
            if (value instanceof Number number) {
                node.put(name, number.longValue());
            } else {
                node.put(name, (String) value);
            }
        });
        return node;
    }
}
