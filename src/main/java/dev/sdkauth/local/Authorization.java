package dev.sdkauth.local;

import dev.sdkauth.Environment;
import dev.sdkauth.Setting;
import dev.sdkauth.aws.AwsCredentialChain;
import dev.sdkauth.aws.AwsException;
import dev.sdkauth.aws.SigV4Signer;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How {@code check} proves who it is, one per AuthMode of the template: nothing, an API key (x-api-key), a bearer
 * token (Cognito), or SigV4 with the operator's AWS credentials (IAM). Whatever it holds is a secret: it goes
 * into request headers and nowhere else.
 */
sealed interface Authorization {
    /** The request's headers, the POST's own ({@code headers}) and this mode's. */
    Map<String, String> headers(URI url, Map<String, String> headers, byte[] body) throws CommandFailure;

    /** The header names a browser's preflight asks leave for, besides Content-Type. */
    List<String> requestedHeaders();

    /** What must never be printed, should the endpoint echo it; empty when nothing is secret. */
    String secret();

    /** A hint for a 401 or 403 answer: what to check with this mode. */
    String refusedHint();

    record None() implements Authorization {
        @Override
        public Map<String, String> headers(URI url, Map<String, String> headers, byte[] body) {
            return headers;
        }

        @Override
        public List<String> requestedHeaders() {
            return List.of();
        }

        @Override
        public String secret() {
            return "";
        }

        @Override
        public String refusedHint() {
            return "the endpoint asks for authorization: give --api-key KEY, --bearer TOKEN or --iam, as its AuthMode"
                    + " needs";
        }
    }

    /** A secret sent in a header of its own: an API key, or a bearer token. */
    record InHeader(String header, String prefix, String value, String refusedHint) implements Authorization {
        static InHeader apiKey(String key) {
            return new InHeader("x-api-key", "", key, "check the API key (the stack's API key, its value from aws"
                    + " apigateway get-api-key --include-value) and that its usage plan covers this stage");
        }

        static InHeader bearer(String token) {
            return new InHeader("Authorization", "Bearer ", token, "check the token: unexpired, and from the user"
                    + " pool (and app client) the endpoint's authorizer names");
        }

        @Override
        public Map<String, String> headers(URI url, Map<String, String> headers, byte[] body) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(header, prefix + value);
            return all;
        }

        @Override
        public List<String> requestedHeaders() {
            return List.of(header.toLowerCase(java.util.Locale.ROOT));
        }

        @Override
        public String secret() {
            return value;
        }

        @Override
        public String toString() {
            return "InHeader[" + header + ", <redacted>]";
        }
    }

    /** SigV4 for {@code service} in {@code region}, with credentials from the aws/ chain, read at each request. */
    record Iam(AwsCredentialChain credentials, String service, String region, Clock clock)
            implements Authorization {
        /** {@code {api}.execute-api.{region}.amazonaws.com} (also through a VPC endpoint), and the China partition. */
        private static final Pattern API_GATEWAY = Pattern.compile(
                "(?:^|\\.)execute-api\\.([a-z]{2}(?:-[a-z0-9]+)+)\\.(?:vpce\\.)?amazonaws\\.com(?:\\.cn)?");
        /** {@code {id}.lambda-url.{region}.on.aws}. */
        private static final Pattern FUNCTION_URL = Pattern.compile(
                "(?:^|\\.)lambda-url\\.([a-z]{2}(?:-[a-z0-9]+)+)\\.on\\.aws");

        /**
         * The service and region to sign for: from the URL's host where it is AWS's own; otherwise (a custom domain)
         * from {@code --iam-service} and {@code AWS_REGION}.
         */
        static Iam of(URI url, String serviceOption, Environment env, Clock clock) throws CommandFailure {
            String host = url.getHost().toLowerCase(java.util.Locale.ROOT);
            Matcher apiGateway = API_GATEWAY.matcher(host);
            Matcher functionUrl = FUNCTION_URL.matcher(host);
            String service = serviceOption;
            String region = null;
            if (apiGateway.find()) {
                service = service == null ? "execute-api" : service;
                region = apiGateway.group(1);
            } else if (functionUrl.find()) {
                service = service == null ? "lambda" : service;
                region = functionUrl.group(1);
            }
            if (service == null) {
                throw CommandFailure.usage("--iam cannot tell the service from " + host + ", which is not an API"
                        + " Gateway (*.execute-api.REGION.amazonaws.com) or function URL (*.lambda-url.REGION.on.aws)"
                        + " host: add --iam-service execute-api (an API's custom domain) or --iam-service lambda");
            }
            if (region == null) {
                region = env.get(Setting.AWS_REGION);
            }
            if (region == null || !region.matches("[a-z]{2}(-[a-z0-9]+)+")) {
                throw CommandFailure.usage("--iam cannot tell the region from " + host + ": set AWS_REGION to the"
                        + " endpoint's region, such as us-east-1");
            }
            return new Iam(new AwsCredentialChain(env, clock), service, region, clock);
        }

        @Override
        public Map<String, String> headers(URI url, Map<String, String> headers, byte[] body) throws CommandFailure {
            try {
                Map<String, String> signed = new LinkedHashMap<>(SigV4Signer.sign(url, headers, body, region,
                        service, credentials.get(), clock.instant()));
                // The client writes Host itself, as the signer wrote it (host, and :port unless the default).
                signed.remove("host");
                return signed;
            } catch (AwsException noCredentials) {
                // Names the sources looked at and how to fill one; never a key.
                throw CommandFailure.refused("--iam signs with your AWS credentials, and there are none to be had: "
                        + noCredentials.getMessage());
            }
        }

        @Override
        public List<String> requestedHeaders() {
            return List.of("authorization", "x-amz-content-sha256", "x-amz-date", "x-amz-security-token");
        }

        @Override
        public String secret() {
            return "";
        }

        @Override
        public String refusedHint() {
            return "check that your AWS identity may invoke it (execute-api:Invoke, or lambda:InvokeFunctionUrl for"
                    + " a function URL), and the service and region signed for: " + service + " in " + region;
        }
    }
}
