package dev.sdkauth.doctor;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/** HS256 by hand with the JDK, as a verifier computes it, independent of the signer that issues tokens. */
final class SignatureCheck {
    private SignatureCheck() {
    }

    static boolean verifies(byte[] signingInput, byte[] signature, SecretKey key) {
        if (signature == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            // Constant time: the doctor may be handed attacker-made tokens, and comparing costs nothing extra.
            return MessageDigest.isEqual(mac.doFinal(signingInput), signature);
        } catch (GeneralSecurityException unusableKey) {
            return false;
        }
    }
}
