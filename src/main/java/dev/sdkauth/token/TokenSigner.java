package dev.sdkauth.token;

import dev.sdkauth.Json;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.io.AbstractSerializer;
import io.jsonwebtoken.io.Encoder;
import io.jsonwebtoken.io.Serializer;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** The one place tokens are signed: HS256, header exactly {@code {"alg":"HS256","typ":"JWT"}}. */
public final class TokenSigner {
    /** Header and claims are flat maps of strings and numbers: jackson-core writes them without a mapper. */
    private static final Serializer<Map<String, ?>> JSON = new AbstractSerializer<>() {
        @Override
        protected void doSerialize(Map<String, ?> map, OutputStream out) throws Exception {
            Json.write(map, out);
        }
    };

    /** The JDK's base64url (an intrinsic) instead of jjwt's own codec, which profiled as an eighth of a request. */
    private static final Encoder<OutputStream, OutputStream> BASE64URL =
            out -> Base64.getUrlEncoder().withoutPadding().wrap(out);

    /** Not a credential: it signs only {@link #prime()}'s token, which is discarded. */
    private static final SecretKey PRIMING_KEY = new SecretKeySpec(
            "priming-only-key-never-used-for-real-tokens".getBytes(StandardCharsets.US_ASCII), "HmacSHA256");

    /**
     * Naming alg first makes jjwt keep Zoom's member order, so our header is byte for byte the
     * {@code eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9} the Node samples emit. Built through {@link Jwts#builder()}, as
     * jjwt's README says, with jjwt-impl at runtime scope only (its cost per token is in docs/performance.md).
     */
    public String sign(Map<String, Object> claims, SecretKey secret) {
        return Jwts.builder()
                .json(JSON)
                .b64Url(BASE64URL)
                .header().add("alg", "HS256").type("JWT").and()
                .claims(claims)
                .signWith(secret, Jwts.SIG.HS256)
                .compact();
    }

    /** Signs and throws away one token under a throwaway key: loads and links what signing needs, holds nothing. */
    public static void prime() {
        new TokenSigner().sign(Map.of("priming", 1), PRIMING_KEY);
    }
}
