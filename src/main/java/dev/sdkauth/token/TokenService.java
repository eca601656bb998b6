package dev.sdkauth.token;

import dev.sdkauth.request.Reason;
import dev.sdkauth.credentials.CredentialSource;
import dev.sdkauth.credentials.SdkCredentials;
import dev.sdkauth.policy.Caller;
import dev.sdkauth.policy.IssuancePolicy;
import dev.sdkauth.request.Contracts;
import dev.sdkauth.request.Rejection;
import dev.sdkauth.request.Validated;
import dev.sdkauth.request.VideoDialect;


import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Issues the two kinds of token: validate the body (400), apply the operator's policy (403), fetch credentials,
 * build claims, sign, shape the answer.
 */
public final class TokenService {
    public static final long MAX_ISSUED_AT_LEEWAY_SECONDS = 300;
    private static final String ZAK_USER = "zakUser";

    private final CredentialSource videoCredentials;
    private final CredentialSource meetingCredentials;
    private final IssuancePolicy policy;
    /** Builds the ZAK source on the first ZAK request; null when no Server-to-Server OAuth app is configured. */
    private final Supplier<ZakSource> zakSource;
    private volatile ZakSource zaks;
    private final TokenSigner signer = new TokenSigner();
    private final Clock clock;
    private final long issuedAtLeewaySeconds;

    public TokenService(CredentialSource videoCredentials, CredentialSource meetingCredentials,
                        IssuancePolicy policy, Supplier<ZakSource> zakSource, Clock clock,
                        long issuedAtLeewaySeconds) {
        this.videoCredentials = videoCredentials;
        this.meetingCredentials = meetingCredentials;
        this.policy = policy;
        this.zakSource = zakSource;
        this.clock = clock;
        this.issuedAtLeewaySeconds = issuedAtLeewaySeconds;
    }

    /** {@code {"signature": JWT}} in the official dialect, {@code {"_payload": {...}, "token": JWT}} in the seed one. */
    public Issued video(Map<String, Object> body, Caller caller) throws Rejection {
        VideoDialect.Detection detection = VideoDialect.detect(body);
        if (detection.dialect() == null) {
            throw new Rejection(400, Reason.INVALID_REQUEST, detection.conflicts());
        }
        VideoDialect dialect = detection.dialect();
        Validated request = valid(dialect.contract().validate(body));
        long role = dialect.role(request);
        policy.admit(caller, dialect.roleProperty(), role, dialect.sessionNameProperty(), dialect.sessionName(request));
        request = policy.bindIdentity(caller, request);
        SdkCredentials credentials = videoCredentials.load();
        Map<String, Object> claims = VideoClaims.of(credentials.key(), dialect, request, issuedAt());
        String token = signer.sign(claims, credentials.secret());
        Map<String, Object> answer = new LinkedHashMap<>();
        if (dialect == VideoDialect.SEED) {
            answer.put("_payload", VideoClaims.withoutTimes(claims));
            answer.put("token", token);
        } else {
            answer.put("signature", token);
        }
        return new Issued(answer, dialect, role);
    }

    /**
     * {@code {"signature": JWT, "sdkKey": key}}, and {@code "zak"} when {@code zakUser} asked for one. All or
     * nothing: the signature is never issued without the ZAK that was asked for.
     */
    public Issued meeting(Map<String, Object> body, Caller caller) throws Rejection {
        Validated request = valid(Contracts.MEETING.validate(body));
        Long role = request.has("role") ? request.integer("role", 0) : null;
        policy.admit(caller, "role", role, null, null);
        String zakUser = request.text(ZAK_USER);
        if (zakUser != null) {
            policy.admitZak(caller, ZAK_USER, zakUser);
        }
        SdkCredentials credentials = meetingCredentials.load();
        String zak = zakUser == null ? null : ZakAnswers.fetch(zaks(), ZAK_USER, zakUser);
        String token = signer.sign(MeetingClaims.of(credentials.key(), request, issuedAt()), credentials.secret());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("signature", token);
        answer.put("sdkKey", credentials.key());
        if (zak != null) {
            answer.put("zak", zak);
        }
        return new Issued(answer, null, role);
    }


    /** Built once, on the first ZAK request, so that other requests never load the Zoom client. */
    private ZakSource zaks() {
        ZakSource current = zaks;
        if (current == null && zakSource != null) {
            synchronized (this) {
                current = zaks;
                if (current == null) {
                    current = zakSource.get();
                    zaks = current;
                }
            }
        }
        return current;
    }

    private static Validated valid(Validated request) throws Rejection {
        if (!request.ok()) {
            throw new Rejection(400, Reason.INVALID_REQUEST, request.errors());
        }
        return request;
    }

    /**
     * Whole seconds since the epoch, rounded down and then backdated by the leeway, so that a
     * verifier whose clock runs behind ours does not see a token from the future (SECURITY.md, "Clock skew").
     */
    private long issuedAt() {
        return Math.floorDiv(clock.millis(), 1000) - issuedAtLeewaySeconds;
    }
}
