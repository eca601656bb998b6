package dev.sdkauth.grants;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * AES-256-GCM: a fresh 96-bit nonce per seal, and the item it belongs to as associated data, so that a sealed
 * token copied into another user's item does not open. The text is base64 of nonce and ciphertext with its tag.
 * The random source is made on first use, which is after a SnapStart restore: priming never seals anything, so no
 * two restored containers share its state.
 *
 * <p>Key rotation: the setting may hold several keys, comma-separated, newest first. Values are sealed with the
 * first and opened with whichever key opens them, so a new key can be put in front of the old one, and the old one
 * dropped once every grant has been written again (each refresh rewrites its grant) or after the grants' lifetime.
 */
final class Sealer {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final java.util.List<SecretKeySpec> keys;
    private volatile SecureRandom random;

    /** @throws IllegalArgumentException when a key is not base64 of exactly 32 bytes */
    Sealer(String base64Keys) {
        java.util.List<SecretKeySpec> parsed = new java.util.ArrayList<>();
        for (String base64Key : base64Keys.split(",")) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(base64Key.strip());
            } catch (IllegalArgumentException notBase64) {
                bytes = new byte[0];
            }
            if (bytes.length != 32) {
                throw new IllegalArgumentException("the grants key must be base64 of 32 random bytes (openssl rand"
                        + " -base64 32), newest first when there are several, comma-separated");
            }
            parsed.add(new SecretKeySpec(bytes, "AES"));
        }
        this.keys = java.util.List.copyOf(parsed);
    }

    String seal(String plain, String associatedWith) {
        byte[] nonce = new byte[NONCE_BYTES];
        random().nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(0), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedWith.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce)
                    .put(sealed).array());
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("AES-GCM is in every JDK", impossible);
        }
    }

    /** @throws IllegalArgumentException when it was not sealed with this key for this item (or was altered) */
    String open(String sealed, String associatedWith) {
        for (SecretKeySpec key : keys) {
            try {
                byte[] bytes = Base64.getDecoder().decode(sealed);
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
                cipher.updateAAD(associatedWith.getBytes(StandardCharsets.UTF_8));
                return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES),
                        StandardCharsets.UTF_8);
            } catch (GeneralSecurityException | IllegalArgumentException | IndexOutOfBoundsException unopenable) {
                // tried with the next key, if any
            }
        }
        throw new IllegalArgumentException("a sealed value does not open with the grants key for its item");
    }

    /** URL-safe random text of {@code bytes} random bytes: states and PKCE verifiers. */
    String randomText(int bytes) {
        byte[] random = new byte[bytes];
        random().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private SecureRandom random() {
        SecureRandom current = random;
        if (current == null) {
            synchronized (this) {
                current = random;
                if (current == null) {
                    current = new SecureRandom();
                    random = current;
                }
            }
        }
        return current;
    }
}
