package dev.sdkauth.token;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sdkauth.credentials.CredentialSource;
import dev.sdkauth.credentials.SdkCredentials;
import dev.sdkauth.policy.Caller;
import dev.sdkauth.policy.IssuancePolicy;
import dev.sdkauth.request.Contracts;
import dev.sdkauth.request.Rejection;
import dev.sdkauth.request.Validated;
import dev.sdkauth.request.VideoDialect;
import dev.sdkauth.telemetry.RequestRecord;

import java.time.Clock;
import java.util.Map;

/**
 * Issues the two kinds of token: validate the body (400), apply the operator's policy (403), fetch credentials,
 * build claims, sign, shape the answer.
 */
public final class TokenService {
    private final CredentialSource videoCredentials;
    private final CredentialSource meetingCredentials;
    private final IssuancePolicy policy;
    private final TokenSigner signer = new TokenSigner();
    private final Clock clock;

    public TokenService(CredentialSource videoCredentials, CredentialSource meetingCredentials,
                        IssuancePolicy policy, Clock clock) {
        this.videoCredentials = videoCredentials;
        this.meetingCredentials = meetingCredentials;
        this.policy = policy;
        this.clock = clock;
    }

    /** {@code {"signature": JWT}} in the official dialect, {@code {"_payload": {...}, "token": JWT}} in the seed one. */
    public ObjectNode video(ObjectNode body, Caller caller, RequestRecord record) throws Rejection {
        VideoDialect.Detection detection = VideoDialect.detect(body);
        if (detection.dialect() == null) {
            throw new Rejection(400, "invalid_request", detection.conflicts());
        }
        VideoDialect dialect = detection.dialect();
        record.dialect(dialect.label());
        Validated request = valid(dialect.contract().validate(body));
        long role = dialect.role(request);
        record.role(role);
        policy.admit(caller, dialect.roleProperty(), role, dialect.sessionNameProperty(), dialect.sessionName(request));
        request = policy.bindIdentity(caller, request);
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
    public ObjectNode meeting(ObjectNode body, Caller caller, RequestRecord record) throws Rejection {
        Validated request = valid(Contracts.MEETING.validate(body));
        Long role = request.has("role") ? request.integer("role", 0) : null;
        record.role(role);
        policy.admit(caller, "role", role, null, null);
        SdkCredentials credentials = meetingCredentials.load();
        String token = signer.sign(MeetingClaims.of(credentials.key(), request, issuedAt()), credentials.secret());
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("signature", token);
        answer.put("sdkKey", credentials.key());
        return answer;
    }

    private static Validated valid(Validated request) throws Rejection {
        if (!request.ok()) {
            throw new Rejection(400, "invalid_request", request.errors());
        }
        return request;
    }

    /**
     * Whole seconds since the epoch, rounded down, so a token is never issued in the future (see "Clock skew" in
     * SECURITY.md for why it is not backdated either).
     */
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
