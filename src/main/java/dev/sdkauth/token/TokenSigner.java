package dev.sdkauth.token;

import dev.sdkauth.Json;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.io.AbstractSerializer;
import io.jsonwebtoken.io.Serializer;

import javax.crypto.SecretKey;
import java.io.OutputStream;
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

    /**
     * Naming alg first makes jjwt keep Zoom's member order, so our header is byte for byte the
     * {@code eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9} the Node samples emit.
     */
    public String sign(Map<String, Object> claims, SecretKey secret) {
        return Jwts.builder()
                .json(JSON)
                .header().add("alg", "HS256").type("JWT").and()
                .claims(claims)
                .signWith(secret, Jwts.SIG.HS256)
                .compact();
    }
}
