package dev.sdkauth.aws;

import dev.sdkauth.Environment;
import dev.sdkauth.Text;

import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads SSM parameters, decrypted, with the one call the function needs: {@code POST /} to SSM with
 * {@code X-Amz-Target: AmazonSSM.GetParameters}, signed with SigV4 ({@link SigV4Signer}) and sent with
 * {@link java.net.HttpURLConnection}; no SDK service client. Configuration (region, endpoint, AWS
 * credentials) is read through {@link Environment} on each call, so that tests and local runs can point it at a
 * loopback stand-in and a developer's refreshed profile is picked up.
 *
 * <p>Retries, as the SDK's standard retry mode: at most {@value #MAX_ATTEMPTS} attempts, within
 * {@link #CALL_BUDGET} per call (well inside the function's timeout), with exponential backoff and full jitter
 * (base 100 ms, 1 s after throttling), on throttling (ThrottlingException and the like, HTTP 429), 5xx and I/O
 * errors; never on an authorisation or validation error. When SSM refuses the signature's time (a clock-skew error
 * code, with its {@code Date} at least four minutes from ours, the SDK's rule) the request is re-signed once with
 * SSM's clock; the offset is kept for later calls, as in the SDK.
 */
public final class SsmParameters {
    static final int MAX_ATTEMPTS = 3;
    static final Duration CALL_BUDGET = Duration.ofSeconds(6);
    private static final long BASE_DELAY_MILLIS = 100;
    private static final long THROTTLED_BASE_DELAY_MILLIS = 1_000;
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final int READ_TIMEOUT_MILLIS = 3_000;
    private static final Duration SKEW_THRESHOLD = Duration.ofMinutes(4);
    /** The AWS SDK's throttling error codes. */
    private static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException", "ThrottledException",
            "ProvisionedThroughputExceededException", "SlowDown", "TooManyRequestsException", "RequestLimitExceeded",
            "BandwidthLimitExceeded", "RequestThrottled", "RequestThrottledException", "EC2ThrottledException");
    /** The AWS SDK's clock-skew error codes: a refusal that may be about the signature's time. */
    private static final Set<String> CLOCK_SKEW = Set.of("RequestTimeTooSkewed", "RequestExpired",
            "InvalidSignatureException", "SignatureDoesNotMatch", "AuthFailure", "RequestInTheFuture");

    private final Environment environment;
    private final Clock clock;
    private final AwsCredentialChain credentials;
    /** The TLS of its HTTPS connections; null for HttpsURLConnection's default (all but priming's client). */
    private final SSLSocketFactory tls;
    /** SSM's clock minus ours, learnt from a clock-skew refusal; 0 until then. */
    private volatile long clockOffsetMillis;

    public SsmParameters(Environment environment) {
        this(environment, Clock.systemUTC());
    }

    /** @param clock for signing and for the expiry of temporary credentials */
    SsmParameters(Environment environment, Clock clock) {
        this(environment, clock, null);
    }

    SsmParameters(Environment environment, Clock clock, SSLSocketFactory tls) {
        this.environment = environment;
        this.clock = clock;
        this.credentials = new AwsCredentialChain(environment, clock);
        this.tls = tls;
    }

    /**
     * The parameters SSM has, by name; names it does not know are simply absent from the answer.
     *
     * @throws AwsException naming the parameters and SSM's error type, never a value or an AWS secret
     */
    public Map<String, SsmParameter> get(List<String> names) {
        String listed = String.join(", ", names);
        SsmEndpoint endpoint = SsmEndpoint.resolve(environment, () -> AwsProfiles.load(environment));
        byte[] body = SsmJson.getParametersRequest(names);
        long deadline = System.nanoTime() + CALL_BUDGET.toNanos();
        boolean resigned = false;
        for (int attempt = 1; ; attempt++) {
            AwsCredentials aws = credentials.get();
            Instant signedAt = clock.instant().plusMillis(clockOffsetMillis);
            SsmHttp.Reply reply;
            try {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                reply = SsmHttp.post(SsmHttp.sign(endpoint.uri(), endpoint.region(), aws, body, signedAt), body,
                        (int) Math.min(CONNECT_TIMEOUT_MILLIS, left), (int) Math.min(READ_TIMEOUT_MILLIS, left), tls);
            } catch (IOException unreachable) {
                String problem = "Could not read SSM parameter(s) " + listed + " from " + endpoint.origin() + ": "
                        + unreachable.getClass().getSimpleName() + " " + Text.clip(unreachable.getMessage(), 150);
                backOff(attempt, BASE_DELAY_MILLIS, deadline, problem);
                continue;
            }
            if (reply.status() == 200) {
                try {
                    return SsmJson.parameters(reply.body());
                } catch (IOException malformed) {
                    throw new AwsException("SSM answered GetParameters for " + listed
                            + " with something that is not its JSON (HTTP 200 from " + endpoint.origin() + ")");
                }
            }
            SsmJson.Error error = SsmJson.error(reply.errorType(), reply.body());
            String type = error.type() == null ? "HTTP " + reply.status() : error.type();
            if (!resigned && CLOCK_SKEW.contains(type)) {
                Instant server = serverTime(reply.date());
                if (server != null && Duration.between(signedAt, server).abs().compareTo(SKEW_THRESHOLD) >= 0) {
                    clockOffsetMillis = server.toEpochMilli() - clock.millis();
                    resigned = true;
                    if (attempt < MAX_ATTEMPTS) {
                        continue;
                    }
                }
            }
            String refused = "SSM refused to read parameter(s) " + listed + ": " + described(type, reply.status());
            if (THROTTLING.contains(type) || reply.status() == 429) {
                backOff(attempt, THROTTLED_BASE_DELAY_MILLIS, deadline, refused);
            } else if (reply.status() >= 500) {
                backOff(attempt, BASE_DELAY_MILLIS, deadline, refused);
            } else {
                throw refusal(type, reply.status(), error.message(), listed, aws);
            }
        }
    }

    /**
     * Before a SnapStart snapshot: forgets what a call may have left (the AWS credentials held, the clock offset,
     * a TLS context and its connections), and makes the TLS of later calls one that is set up after the restore
     * ({@link ClientTls}). No network. Priming the call itself is {@link LoopbackAws}'s.
     */
    public void prepare() {
        credentials.forget();
        clockOffsetMillis = 0;
        ClientTls.prepareForSnapshot();
    }

    /**
     * Waits before the next attempt, with full jitter: a random time up to base × 2^(attempt − 1). Throws the
     * problem instead when the attempts or the time are used up.
     */
    private static void backOff(int attempt, long baseMillis, long deadline, String problem) {
        if (attempt >= MAX_ATTEMPTS) {
            throw new AwsException(problem + " after " + attempt + " attempts");
        }
        long delay = ThreadLocalRandom.current().nextLong((baseMillis << (attempt - 1)) + 1);
        if (System.nanoTime() + delay * 1_000_000 >= deadline) {
            throw new AwsException(problem + " (gave up after " + attempt + " attempts within "
                    + CALL_BUDGET.toSeconds() + " s)");
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AwsException(problem + " (interrupted while waiting to retry)");
        }
    }

    /** SSM's refusal in words an operator can act on: the error type, the names, where the credentials came from. */
    private AwsException refusal(String type, int status, String message, String listed,
                                           AwsCredentials aws) {
        String code = type.startsWith("HTTP ") ? type : type + ", HTTP " + status;
        boolean kms = type.startsWith("KMS") || type.equals("InvalidKeyId")
                || message != null && (message.contains("kms:") || message.contains("KMS"));
        switch (type) {
            case "AccessDeniedException", "AccessDenied", "KMSAccessDeniedException", "InvalidKeyId" -> {
                if (kms) {
                    return new AwsException("SSM could not decrypt parameter(s) " + listed + " (" + code
                            + "): the function's role needs kms:Decrypt on the KMS key that encrypts them (the"
                            + " SecretsKmsKeyId template parameter), and the key must be enabled");
                }
                return new AwsException("Access to SSM parameter(s) " + listed + " was denied (" + code
                        + "): the function's role needs ssm:GetParameters on them, and kms:Decrypt when they are"
                        + " encrypted with a customer managed key");
            }
            case "UnrecognizedClientException", "InvalidClientTokenId", "MissingAuthenticationTokenException" -> {
                credentials.refused(aws);
                return new AwsException("SSM did not accept the AWS credentials from " + aws.source()
                        + " reading parameter(s) " + listed + " (" + code + "): the access key ID or session token is"
                        + " not valid (for this region's partition)");
            }
            case "InvalidSignatureException", "SignatureDoesNotMatch", "IncompleteSignatureException" -> {
                return new AwsException("SSM refused the request signature reading parameter(s) " + listed
                        + " (" + code + "): check that the AWS secret access key from " + aws.source()
                        + " belongs to access key " + aws.accessKeyId() + ", and the machine's clock");
            }
            case "ExpiredTokenException", "ExpiredToken", "RequestExpired" -> {
                credentials.refused(aws);
                return new AwsException("The AWS session token from " + aws.source() + " has expired ("
                        + code + ") reading parameter(s) " + listed + ": refresh the credentials");
            }
            case "ParameterNotFound", "InvalidParameters", "ParameterVersionNotFound" -> {
                return new AwsException("SSM parameter(s) not found: " + listed + " (" + code
                        + "); create them with aws ssm put-parameter --type SecureString, in the function's region");
            }
            default -> {
                return new AwsException("SSM refused to read parameter(s) " + listed + ": "
                        + described(type, status));
            }
        }
    }

    /** "ThrottlingException (HTTP 400)", or "HTTP 502" for an answer without an AWS error type. */
    private static String described(String type, int status) {
        return type.startsWith("HTTP ") ? type : type + " (HTTP " + status + ")";
    }

    /** The response's Date (RFC 1123), or null. */
    private static Instant serverTime(String date) {
        if (date == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
