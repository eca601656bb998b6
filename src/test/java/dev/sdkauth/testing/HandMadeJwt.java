package dev.sdkauth.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;

/**
 * Tokens built the long way, with the JDK's HMAC and base64url and databind's JSON, so that tests of the doctor
 * never lean on the signer (or the JSON writer) they might be checking.
 */
public final class HandMadeJwt {
    public static final String HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HandMadeJwt() {
    }

    /** HS256 over any header and payload text, which need not be valid JSON. */
    public static String sign(String headerJson, String payloadJson, String secret) {
        String signingInput = base64url(headerJson) + "." + base64url(payloadJson);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    public static String sign(Map<String, Object> header, Map<String, Object> claims, String secret) {
        return sign(json(header), json(claims), secret);
    }

    public static String sign(Map<String, Object> claims, String secret) {
        return sign(HEADER, json(claims), secret);
    }

    public static String json(Map<String, Object> value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    public static String base64url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
