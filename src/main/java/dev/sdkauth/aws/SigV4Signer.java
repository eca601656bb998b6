package dev.sdkauth.aws;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * AWS Signature Version 4 (AWS4-HMAC-SHA256, header form, signed payload) for the function's one kind of request:
 * a POST with a body to a path of unreserved characters and no query, which {@link SsmEndpoint} guarantees.
 * It adds exactly the headers the AWS SDK's {@code AwsV4HttpSigner} adds with payload signing on (Host,
 * X-Amz-Date, X-Amz-Content-Sha256, X-Amz-Security-Token for temporary credentials, Authorization) and signs every
 * header it sends, so SSM sees the request it saw when that signer made it.
 *
 * <p>Ours rather than the SDK's because of cold start: the SDK signer's request builders and checksum machinery
 * cost about 24 ms of every cold start (docs/performance.md). {@code SigV4SignerTest} holds it to AWS's published
 * SigV4 test suite and, over generated requests, to the SDK's signer byte for byte. Nothing is cached between
 * calls, so no key derived from a secret outlives the call (and no SnapStart snapshot can hold one).
 */
public final class SigV4Signer {
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private SigV4Signer() {
    }

    /**
     * @param headers the request's own headers (Content-Type, X-Amz-Target, ...), by name as they are to be sent
     * @return those headers and the signing ones, in canonical order, ready to send
     */
    public static Map<String, String> sign(URI uri, Map<String, String> headers, byte[] body, String region, String service,
                                    AwsCredentials credentials, Instant at) {
        String amzDate = amzDate(at);
        String payloadHash = hex(sha256(body));
        // Sorted by lower-case name, the order SigV4 lists them in; sent under the same names.
        Map<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> signed.put(name.toLowerCase(Locale.ROOT), value));
        signed.put("host", host(uri));
        signed.put("x-amz-content-sha256", payloadHash);
        signed.put("x-amz-date", amzDate);
        if (credentials.sessionToken() != null) {
            signed.put("x-amz-security-token", credentials.sessionToken());
        }

        String signedHeaders = String.join(";", signed.keySet());
        String signature = signature(credentials.secretAccessKey(), amzDate, region, service,
                canonicalRequest(uri.getRawPath(), signed, payloadHash));
        signed.put("authorization", ALGORITHM + " Credential=" + credentials.accessKeyId() + "/"
                + scope(amzDate, region, service) + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
        return signed;
    }

    /**
     * POST, the path, an empty query, each header as "name:value" in name order, the list of their names, the
     * payload's hash.
     *
     * @param headers by lower-case name, sorted; all of them are signed
     */
    static String canonicalRequest(String rawPath, Map<String, String> headers, String payloadHash) {
        StringBuilder canonical = new StringBuilder("POST\n").append(rawPath).append("\n\n");
        headers.forEach((name, value) -> canonical.append(name).append(':').append(trimmed(value)).append('\n'));
        return canonical.append('\n').append(String.join(";", headers.keySet())).append('\n').append(payloadHash)
                .toString();
    }

    /** HMAC of the string to sign under the key derived from the secret for the day, region and service. */
    static String signature(String secretAccessKey, String amzDate, String region, String service,
                            String canonicalRequest) {
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope(amzDate, region, service) + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), amzDate.substring(0, 8));
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        return hex(hmac(key, stringToSign));
    }

    private static String scope(String amzDate, String region, String service) {
        return amzDate.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
    }

    /** Host as HTTP sends it: with the port only when it is not the scheme's default. */
    static String host(URI uri) {
        int port = uri.getPort();
        boolean standard = port == -1 || port == 443 && "https".equalsIgnoreCase(uri.getScheme())
                || port == 80 && "http".equalsIgnoreCase(uri.getScheme());
        return standard ? uri.getHost() : uri.getHost() + ":" + port;
    }

    /** yyyyMMdd'T'HHmmss'Z' in UTC, without DateTimeFormatter, whose set-up alone is a few ms of a cold start. */
    static String amzDate(Instant at) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(at.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(16).append(t.getYear());
        twoDigits(text, t.getMonthValue());
        twoDigits(text, t.getDayOfMonth());
        twoDigits(text.append('T'), t.getHour());
        twoDigits(text, t.getMinute());
        twoDigits(text, t.getSecond());
        return text.append('Z').toString();
    }

    private static void twoDigits(StringBuilder text, int value) {
        text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /** Leading and trailing blanks off, inner runs of spaces as one: SigV4's canonical header value. */
    private static String trimmed(String value) {
        String stripped = value.strip();
        return stripped.contains("  ") ? stripped.replaceAll(" {2,}", " ") : stripped;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("the JDK has no SHA-256", missing);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("the JDK has no HmacSHA256", missing);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
