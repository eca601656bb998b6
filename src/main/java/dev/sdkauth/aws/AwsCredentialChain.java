package dev.sdkauth.aws;

import dev.sdkauth.Setting;
import dev.sdkauth.Environment;
import dev.sdkauth.Text;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The AWS credentials to sign with, from the sources of the AWS SDK's default chain that a function and a
 * developer's machine have, in the SDK's order:
 * <ol>
 *   <li>{@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN} (a function without
 *       SnapStart; CI; an exported session);</li>
 *   <li>static keys of the shared files' profile ({@link AwsProfiles}; {@code serve} on a laptop);</li>
 *   <li>the container credential endpoint: {@code AWS_CONTAINER_CREDENTIALS_RELATIVE_URI} (ECS, on
 *       169.254.170.2) or {@code AWS_CONTAINER_CREDENTIALS_FULL_URI}, with the Authorization header from
 *       {@code AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE} or {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}. A SnapStart
 *       function gets its credentials this way after each restore.</li>
 * </ol>
 * Web identity tokens and the EC2 instance metadata service are not sources here. Only the endpoint's temporary
 * credentials are held (until five minutes before they expire); the environment and the profile are read on each
 * use. {@link #forget()} drops what is held, before a snapshot.
 */
public final class AwsCredentialChain {
    /** Fetch new container credentials once the held ones have less than this left. */
    static final Duration REFRESH_AHEAD = Duration.ofMinutes(5);
    /** ...but keep signing with them, should the endpoint fail, while they have at least this left. */
    static final Duration STILL_USABLE = Duration.ofMinutes(1);
    private static final String ECS_HOST = "http://169.254.170.2";
    private static final List<String> ALLOWED_HTTP_HOSTS = List.of("169.254.170.2", "169.254.170.23",
            "fd00:ec2::23");
    private static final int CONNECT_TIMEOUT_MILLIS = 1_000;
    private static final int READ_TIMEOUT_MILLIS = 2_000;

    private final Environment env;
    private final Clock clock;
    private AwsCredentials held;

    public AwsCredentialChain(Environment env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    /** @throws AwsException naming what was looked for, or why a source failed; never a secret */
    public synchronized AwsCredentials get() {
        String accessKeyId = env.get(Setting.AWS_ACCESS_KEY_ID);
        String secretAccessKey = env.get(Setting.AWS_SECRET_ACCESS_KEY);
        if (accessKeyId != null || secretAccessKey != null) {
            if (accessKeyId == null || secretAccessKey == null) {
                throw new AwsException("Incomplete AWS credentials in the environment: "
                        + (accessKeyId == null ? "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not"
                        : "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"));
            }
            return new AwsCredentials(accessKeyId, secretAccessKey, env.get(Setting.AWS_SESSION_TOKEN), null,
                    "the environment (AWS_ACCESS_KEY_ID)");
        }
        AwsProfiles profile = AwsProfiles.load(env);
        String delegation = null;
        if (profile.found()) {
            delegation = profile.delegation();
            if (delegation == null && profile.get("aws_access_key_id") != null
                    && profile.get("aws_secret_access_key") != null) {
                return new AwsCredentials(profile.get("aws_access_key_id"), profile.get("aws_secret_access_key"),
                        profile.get("aws_session_token"), null, "AWS " + profile.where());
            }
        }
        if (env.get(Setting.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) != null
                || env.get(Setting.AWS_CONTAINER_CREDENTIALS_FULL_URI) != null) {
            return container();
        }
        String export = "eval \"$(aws configure export-credentials"
                + (profile.name().equals("default") ? "" : " --profile " + profile.name()) + " --format env)\"";
        if (delegation != null) {
            throw new AwsException("The AWS " + profile.where() + " gets its credentials through "
                    + delegation + ", which this program does not follow: export them first, with  " + export);
        }
        throw new AwsException("No AWS credentials to call SSM with: AWS_ACCESS_KEY_ID and"
                + " AWS_SECRET_ACCESS_KEY are not set, there are no keys in the AWS " + profile.where()
                + ", and no container credential endpoint is set (AWS_CONTAINER_CREDENTIALS_FULL_URI). In Lambda"
                + " the function's role provides them; locally, export them, e.g.  " + export);
    }

    /** Drops the container credentials held, so that a snapshot does not carry them. */
    synchronized void forget() {
        held = null;
    }

    /** After SSM refused the held credentials (expired or revoked early): fetch new ones next time. */
    synchronized void refused(AwsCredentials credentials) {
        if (held == credentials) {
            held = null;
        }
    }

    private AwsCredentials container() {
        Instant now = clock.instant();
        AwsCredentials current = held;
        if (current != null && (current.expiration() == null
                || now.isBefore(current.expiration().minus(REFRESH_AHEAD)))) {
            return current;
        }
        try {
            held = fetchFromContainer();
            return held;
        } catch (AwsException failed) {
            if (current != null && now.isBefore(current.expiration().minus(STILL_USABLE))) {
                return current; // the next call tries again
            }
            held = null;
            throw failed;
        }
    }

    private AwsCredentials fetchFromContainer() {
        String relative = env.get(Setting.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI);
        Setting setting = relative != null ? Setting.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI
                : Setting.AWS_CONTAINER_CREDENTIALS_FULL_URI;
        String variable = setting.name();
        URI uri;
        try {
            uri = URI.create(relative != null ? ECS_HOST + relative : env.get(setting));
        } catch (IllegalArgumentException malformed) {
            throw new AwsException("Cannot get AWS credentials: " + variable + " is not a URL");
        }
        String where = "the container credential endpoint (" + variable + ")";
        if (!allowed(uri)) {
            throw new AwsException("Cannot get AWS credentials: " + variable + " must be https, or http to"
                    + " a loopback address or the ECS/EKS credential address (169.254.170.2, 169.254.170.23,"
                    + " fd00:ec2::23), as in the AWS SDKs; got host " + Text.clip(uri.getHost(), 100));
        }
        Map<String, String> headers = Map.of("Accept", "application/json");
        String token = authorization();
        if (token != null) {
            headers = Map.of("Accept", "application/json", "Authorization", token);
        }
        SsmHttp.Reply reply = null;
        IOException failure = null;
        for (int attempt = 0; attempt < 2 && (reply == null || reply.status() >= 500); attempt++) {
            try {
                reply = SsmHttp.exchange(uri, "GET", headers, null, CONNECT_TIMEOUT_MILLIS, READ_TIMEOUT_MILLIS,
                        null);
            } catch (IOException unreachable) {
                failure = unreachable;
            }
        }
        if (reply == null) {
            throw new AwsException("Cannot get AWS credentials from " + where + ": "
                    + failure.getClass().getSimpleName() + " " + Text.clip(failure.getMessage(), 100));
        }
        if (reply.status() != 200) {
            throw new AwsException("Cannot get AWS credentials from " + where + ": HTTP "
                    + reply.status() + (reply.status() == 401 || reply.status() == 403
                    ? " (check AWS_CONTAINER_AUTHORIZATION_TOKEN or AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE)" : ""));
        }
        Map<String, String> answer;
        try {
            answer = SsmJson.object(reply.body());
        } catch (IOException notJson) {
            answer = Map.of();
        }
        if (answer.get("AccessKeyId") == null || answer.get("SecretAccessKey") == null) {
            throw new AwsException("Cannot get AWS credentials from " + where
                    + ": the answer has no AccessKeyId and SecretAccessKey");
        }
        Instant expiration = null;
        if (answer.get("Expiration") != null) {
            try {
                expiration = OffsetDateTime.parse(answer.get("Expiration")).toInstant();
            } catch (DateTimeParseException unreadable) {
                throw new AwsException("Cannot get AWS credentials from " + where
                        + ": Expiration is not an ISO 8601 time");
            }
        }
        return new AwsCredentials(answer.get("AccessKeyId"), answer.get("SecretAccessKey"), answer.get("Token"),
                expiration, where);
    }

    /** The Authorization header value: the token file (re-read each time: it rotates) wins over the variable. */
    private String authorization() {
        String file = env.get(Setting.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE);
        String token;
        if (file != null) {
            try {
                token = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            } catch (IOException | RuntimeException unreadable) {
                throw new AwsException("Cannot get AWS credentials: cannot read"
                        + " AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (" + Text.clip(file, 200) + "): "
                        + unreadable.getClass().getSimpleName());
            }
        } else {
            token = env.get(Setting.AWS_CONTAINER_AUTHORIZATION_TOKEN);
        }
        if (token != null && (token.indexOf('\r') >= 0 || token.indexOf('\n') >= 0)) {
            throw new AwsException("Cannot get AWS credentials: the container authorization token"
                    + " holds a line break");
        }
        return token == null || token.isEmpty() ? null : token;
    }

    /** https anywhere; http only to loopback addresses and the ECS/EKS link-local credential hosts. */
    private static boolean allowed(URI uri) {
        if (uri.getHost() == null) {
            return false;
        }
        if ("https".equalsIgnoreCase(uri.getScheme())) {
            return true;
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            return false;
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress() && !allowedLinkLocal(address)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException unresolvable) {
            return false;
        }
    }

    private static boolean allowedLinkLocal(InetAddress address) throws UnknownHostException {
        for (String allowed : ALLOWED_HTTP_HOSTS) {
            if (InetAddress.getByName(allowed).equals(address)) {
                return true;
            }
        }
        return false;
    }
}
