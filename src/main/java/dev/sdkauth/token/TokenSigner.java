package dev.sdkauth.token;

import io.jsonwebtoken.Jwts;

import javax.crypto.SecretKey;
import java.util.Map;

/** The one place tokens are signed: HS256, header exactly {@code {"alg":"HS256","typ":"JWT"}}. */
public final class TokenSigner {

    /**
     * Naming alg first makes jjwt keep Zoom's member order, so our header is byte for byte the
     * {@code eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9} the Node samples emit.
     */
    public String sign(Map<String, Object> claims, SecretKey secret) {
        return Jwts.builder()
                .header().add("alg", "HS256").type("JWT").and()
                .claims(claims)
                .signWith(secret, Jwts.SIG.HS256)
                .compact();
    }
}
