package dev.sdkauth.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;

/** Reads tokens the way Zoom would: signature checked with the secret, raw JSON parts for exact comparisons. */
public final class Jwt {
    private Jwt() {
    }

    /**
     * Verifies the HS256 signature with {@code secret} (throws if it does not match) and answers the claims. Expiry
     * is judged at the token's own issue time, so tests may sign with a fixed clock.
     */
    public static Claims verify(String token, String secret) {
        Date issuedAt = new Date(payload(token).get("iat").longValue() * 1000);
        return Jwts.parser()
                .clock(() -> issuedAt)
                .verifyWith(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .build()
                .parseSignedClaims(token)
                .getPayload();
    }

    public static JsonNode header(String token) {
        return part(token, 0);
    }

    public static JsonNode payload(String token) {
        return part(token, 1);
    }

    public static String headerText(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
    }

    private static JsonNode part(String token, int index) {
        return Proxy.json(new String(Base64.getUrlDecoder().decode(token.split("\\.")[index]), StandardCharsets.UTF_8));
    }
}
