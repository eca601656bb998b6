package dev.sdkauth.credentials;

import dev.sdkauth.Text;
import dev.sdkauth.Environment;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.SsmClientBuilder;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.SsmException;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads SSM parameters, decrypted, through one SDK client built on first use and kept for the container's life.
 * The client is configured from the standard AWS variables, read through {@link Environment} so that tests and
 * local runs can point it at a loopback endpoint.
 */
public final class SsmParameters {
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final int READ_TIMEOUT_MILLIS = 3_000;

    private final Environment environment;
    private volatile SsmClient client;

    public SsmParameters(Environment environment) {
        this.environment = environment;
    }

    /** The parameters SSM has, by name; names it does not know are simply absent from the answer. */
    public Map<String, Parameter> get(List<String> names) {
        GetParametersResponse response;
        try {
            response = client().getParameters(request -> request.names(names).withDecryption(true));
        } catch (SsmException refused) {
            String code = refused.awsErrorDetails() == null ? null : refused.awsErrorDetails().errorCode();
            if ("AccessDeniedException".equals(code)) {
                throw new CredentialsUnavailable("Access to SSM parameter(s) " + String.join(", ", names)
                        + " was denied: the function's role needs ssm:GetParameters on them, and kms:Decrypt"
                        + " when they are encrypted with a customer managed key");
            }
            throw new CredentialsUnavailable("SSM refused to read parameter(s) " + String.join(", ", names)
                    + ": " + code + " (HTTP " + refused.statusCode() + ")");
        } catch (SdkException unreachable) {
            throw new CredentialsUnavailable("Could not read SSM parameter(s) " + String.join(", ", names) + ": "
                    + Text.clip(unreachable.getMessage(), 200));
        }
        Map<String, Parameter> byName = new HashMap<>();
        response.parameters().forEach(parameter -> byName.put(parameter.name(), parameter));
        return byName;
    }

    /**
     * Builds the SDK client now, without calling SSM: before a SnapStart snapshot, so that restored containers
     * start with it built. Configuration problems are left for the first real call to report.
     */
    public void prepare() {
        try {
            client();
        } catch (CredentialsUnavailable reportedOnFirstUse) {
            // the first request gets this as a 503 with the reason
        }
    }

    private SsmClient client() {
        SsmClient built = client;
        if (built == null) {
            synchronized (this) {
                if (client == null) {
                    client = build();
                }
                built = client;
            }
        }
        return built;
    }

    private SsmClient build() {
        SsmClientBuilder builder = SsmClient.builder()
                // With a connection factory of ours the client skips building its own TLS context up front (a
                // fifth of a cold start, measured); HTTPS then uses the JDK's default context, set up on first use.
                .httpClient(UrlConnectionHttpClient.create(SsmParameters::connect))
                // Bounded so that a hung SSM answers the caller with a 503 well inside the function timeout; the
                // retries (throttling, 5xx, I/O) are the SDK's own, with jittered backoff, inside that bound.
                .overrideConfiguration(config -> config.apiCallTimeout(Duration.ofSeconds(6))
                        .retryStrategy(retryMode(environment.get("AWS_RETRY_MODE"))));
        String region = first("AWS_REGION", "AWS_DEFAULT_REGION");
        if (region != null) {
            builder.region(Region.of(region));
        }
        String endpoint = first("AWS_ENDPOINT_URL_SSM", "AWS_ENDPOINT_URL");
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        String accessKeyId = environment.get("AWS_ACCESS_KEY_ID");
        String secretAccessKey = environment.get("AWS_SECRET_ACCESS_KEY");
        if (accessKeyId != null && secretAccessKey != null) {
            String sessionToken = environment.get("AWS_SESSION_TOKEN");
            AwsCredentials credentials = sessionToken == null
                    ? AwsBasicCredentials.create(accessKeyId, secretAccessKey)
                    : AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken);
            builder.credentialsProvider(StaticCredentialsProvider.create(credentials));
        } else {
            // Profiles, container and instance credentials (SnapStart functions get theirs this way).
            builder.credentialsProvider(DefaultCredentialsProvider.create());
        }
        try {
            return builder.build();
        } catch (SdkException | IllegalArgumentException misconfigured) {
            throw new CredentialsUnavailable(region == null
                    ? "Cannot create the SSM client: no AWS region is configured; set AWS_REGION"
                    : "Cannot create the SSM client (check AWS_REGION and AWS_ENDPOINT_URL_SSM): "
                    + Text.clip(misconfigured.getMessage(), 200));
        }
    }

    /**
     * The SDK's standard mode (3 attempts, exponential backoff with jitter, a retry quota) unless AWS_RETRY_MODE
     * asks for adaptive, which also slows the client down when SSM throttles. Legacy mode is not offered: its
     * retries are not jittered the same way and it is the SDK's default only for compatibility.
     */
    static RetryMode retryMode(String setting) {
        return setting != null && setting.strip().equalsIgnoreCase("adaptive")
                ? RetryMode.ADAPTIVE_V2 : RetryMode.STANDARD;
    }

    private static HttpURLConnection connect(URI uri) {
        HttpURLConnection connection;
        try {
            connection = (HttpURLConnection) uri.toURL().openConnection();
        } catch (IOException unopenable) {
            // openConnection does no I/O for http(s); should it fail, it fails as the SDK's own errors do
            throw SdkClientException.create("Cannot open a connection to " + uri, unopenable);
        }
        connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        connection.setReadTimeout(READ_TIMEOUT_MILLIS);
        return connection;
    }

    private String first(String name, String fallbackName) {
        String value = environment.get(name);
        return value != null ? value : environment.get(fallbackName);
    }

}
