package dev.sdkauth.grants;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AES-256-GCM with the item as associated data: what a read of the table alone can and cannot do. */
class SealerTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("another-key-of-exactly-32-bytes!".getBytes());
    private final Sealer sealer = new Sealer(KEY);

    @Test
    void aSealedTokenOpensForItsOwnItemOnlyAndReadsAsNothing() {
        String sealed = sealer.seal("zoom-refresh-token-value", "user#alice|refresh");
        assertFalse(new String(Base64.getDecoder().decode(sealed)).contains("zoom-refresh-token-value"));
        assertEquals("zoom-refresh-token-value", sealer.open(sealed, "user#alice|refresh"));
        assertThrows(IllegalArgumentException.class, () -> sealer.open(sealed, "user#mallory|refresh"),
                "copied into another user's item it does not open");
        assertThrows(IllegalArgumentException.class, () -> sealer.open(sealed, "user#alice|access"),
                "nor as the other token of the same item");
        assertThrows(IllegalArgumentException.class, () -> new Sealer(OTHER_KEY).open(sealed, "user#alice|refresh"));
    }

    @Test
    void everySealHasItsOwnNonceAndAlteredTextDoesNotOpen() {
        String first = sealer.seal("same", "user#a|access");
        String second = sealer.seal("same", "user#a|access");
        assertNotEquals(first, second);
        byte[] bytes = Base64.getDecoder().decode(first);
        bytes[bytes.length - 1] ^= 1;
        String altered = Base64.getEncoder().encodeToString(bytes);
        assertThrows(IllegalArgumentException.class, () -> sealer.open(altered, "user#a|access"));
        assertThrows(IllegalArgumentException.class, () -> sealer.open("not base64 !", "user#a|access"));
        assertThrows(IllegalArgumentException.class, () -> sealer.open("", "user#a|access"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "short", "AAAA", "not base64 at all !!"})
    void aKeyThatIsNot32BytesOfBase64IsRefusedInWords(String key) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new Sealer(key));
        assertTrue(refused.getMessage().startsWith("the grants key must be base64 of 32 random bytes"), refused.getMessage());
    }

    /** Rotation: a new key in front seals; the old one behind still opens what it sealed. */
    @Test
    void aNewKeyInFrontSealsWhileTheOldOneStillOpens() {
        String sealedWithOld = sealer.seal("token", "user#a|access");
        Sealer rotated = new Sealer(OTHER_KEY + ", " + KEY);
        assertEquals("token", rotated.open(sealedWithOld, "user#a|access"));
        String sealedWithNew = rotated.seal("token", "user#a|access");
        assertThrows(IllegalArgumentException.class, () -> sealer.open(sealedWithNew, "user#a|access"));
        assertEquals("token", new Sealer(OTHER_KEY).open(sealedWithNew, "user#a|access"));
    }

    @Test
    void randomTextIsUrlSafeAndFresh() {
        String state = sealer.randomText(32);
        assertEquals(43, state.length());
        assertFalse(state.contains("+") || state.contains("/") || state.contains("="));
        assertNotEquals(state, sealer.randomText(32));
    }
}
