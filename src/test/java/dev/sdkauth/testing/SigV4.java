package dev.sdkauth.testing;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * SigV4 from its specification, with nothing but the JDK's HMAC-SHA256 and SHA-256: the tests' independent check
 * of what the production code signs ({@code aws/SigV4Signer}), written apart from it and used by the SSM
 * stand-in to verify every request. {@code SigV4Test} holds it to AWS's published example.
 * It covers what SSM's JSON protocol uses: a path without encoded characters, query parameters already in
 * canonical form.
 */
public final class SigV4 {
    private SigV4() {
    }

    /**
     * The canonical request: method, path, query, each signed header as "name:value" (lower-case name, trimmed
     * value with runs of spaces collapsed, several values joined with commas), the signed header list, the payload
     * hash.
     */
    public static String canonicalRequest(String method, String path, String canonicalQuery,
                                          Map<String, List<String>> headers, List<String> signedHeaders,
                                          byte[] payload) {
        Map<String, List<String>> byLowerName = new TreeMap<>();
        headers.forEach((name, values) -> byLowerName.put(name.toLowerCase(Locale.ROOT), values));
        StringBuilder canonical = new StringBuilder()
                .append(method).append('\n')
                .append(path.isEmpty() ? "/" : path).append('\n')
                .append(canonicalQuery).append('\n');
        for (String name : signedHeaders) {
            List<String> values = byLowerName.get(name);
            canonical.append(name).append(':')
                    .append(values == null ? "" : values.stream().map(v -> v.strip().replaceAll(" +", " "))
                            .collect(Collectors.joining(",")))
                    .append('\n');
        }
        return canonical.append('\n')
                .append(String.join(";", signedHeaders)).append('\n')
                .append(hex(sha256(payload)))
                .toString();
    }

    public static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        return "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    }

    /** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request") */
    public static byte[] signingKey(String secret, String date, String region, String service) {
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        return hmac(key, "aws4_request");
    }

    public static String signature(String secret, String date, String region, String service, String stringToSign) {
        return hex(hmac(signingKey(secret, date, region, service), stringToSign));
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
