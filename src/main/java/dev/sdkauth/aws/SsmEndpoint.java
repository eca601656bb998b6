package dev.sdkauth.aws;

import dev.sdkauth.Setting;
import dev.sdkauth.Environment;
import dev.sdkauth.Text;

import java.net.URI;
import java.util.function.Supplier;

/**
 * Where the GetParameters call goes and the region it is signed for, resolved as the AWS SDK for Java resolves
 * them: the endpoint from {@code AWS_ENDPOINT_URL_SSM}, then {@code AWS_ENDPOINT_URL}, else
 * {@code https://ssm.REGION.amazonaws.com} ({@code amazonaws.com.cn} in the China regions); the region from
 * {@code AWS_REGION}, then {@code AWS_DEFAULT_REGION}, then the profile's {@code region}. As in the SDK, an endpoint
 * override does not make the region optional: the signature is scoped to it, so without one there is no call.
 */
record SsmEndpoint(URI uri, String region) {
    /** scheme://host[:port], for messages: never a user-info part or query an override URL might carry. */
    String origin() {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    static SsmEndpoint resolve(Environment env, Supplier<AwsProfiles> profiles) {
        return resolve(env, profiles, "ssm", "SSM", Setting.AWS_ENDPOINT_URL_SSM);
    }

    /**
     * The endpoint of {@code service} ({@code https://SERVICE.REGION.amazonaws.com}), or its override: the
     * service's own variable ({@code serviceOverride}), then {@code AWS_ENDPOINT_URL}.
     */
    static SsmEndpoint resolve(Environment env, Supplier<AwsProfiles> profiles, String service, String label,
                               Setting serviceOverride) {
        String region = env.get(Setting.AWS_REGION);
        if (region == null) {
            region = env.get(Setting.AWS_DEFAULT_REGION);
        }
        if (region == null) {
            region = profiles.get().get("region");
        }
        if (region == null) {
            throw new AwsException("Cannot call " + label + ": no AWS region is configured; set AWS_REGION to the"
                    + " region of the parameters (Lambda sets it)");
        }
        if (!region.matches("[a-z]{2}(-[a-z0-9]+)+")) {
            throw new AwsException("Cannot call " + label + ": the AWS region \"" + Text.clip(region, 40)
                    + "\" is not a region name such as us-east-1; check AWS_REGION");
        }
        Setting setting = env.isSet(serviceOverride) ? serviceOverride : Setting.AWS_ENDPOINT_URL;
        String variable = setting.name();
        String override = env.get(setting);
        if (override == null) {
            String domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
            return new SsmEndpoint(URI.create("https://" + service + "." + region + "." + domain + "/"), region);
        }
        URI uri;
        try {
            uri = URI.create(override);
        } catch (IllegalArgumentException malformed) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new AwsException("Cannot call " + label + ": " + variable + " must be an http(s) URL such as"
                    + " https://" + service + ".us-east-1.amazonaws.com, got \"" + Text.clip(override, 100) + "\"");
        }
        if (uri.getRawPath() == null || uri.getRawPath().isEmpty()) {
            uri = uri.resolve("/");
        }
        uri = uri.normalize();
        String problem = unsignable(uri);
        if (problem != null) {
            throw new AwsException("Cannot call " + label + ": " + variable + " " + problem
                    + " (a URL such as https://" + service + ".us-east-1.amazonaws.com or http://localhost:4566)");
        }
        return new SsmEndpoint(uri, region);
    }

    /** Why SigV4Signer could not sign for this URL as it is (it signs the path verbatim and no query), or null. */
    private static String unsignable(URI uri) {
        if (uri.getRawUserInfo() != null) {
            return "must not carry credentials";
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "must not have a query or fragment";
        }
        String path = uri.getRawPath();
        if (!path.matches("(/[A-Za-z0-9._~-]*)+") || path.matches(".*/\\.\\.?(/.*)?")) {
            return "may have only letters, digits and - . _ ~ between the slashes of its path, got path \""
                    + Text.clip(path, 100) + "\"";
        }
        return null;
    }
}
