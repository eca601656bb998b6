package dev.sdkauth.doctor;

import java.util.List;
import java.util.Map;

/** What the input turned out to be, before anything about it is judged. */
sealed interface Decoded {

    /**
     * A JWT's three parts, read but not trusted.
     *
     * @param signingInput the bytes an HS256 verifier signs: the first two parts as given, with their dot
     * @param signature    the decoded third part, or null when it is not base64 at all
     * @param findings     what is wrong with the encoding itself (not base64url, say)
     */
    record Jwt(Map<String, Object> header, Map<String, Object> claims, byte[] signingInput, byte[] signature,
               List<Finding> findings) implements Decoded {
    }

    /** The pre-JWT Meeting SDK signature, its fields by name (apiKey, meetingNumber, timestamp, role). */
    record LegacySignature(Map<String, Object> fields) implements Decoded {
    }

    /** Nothing a Zoom SDK reads: {@code reason} says why, for a person. */
    record Undecodable(String reason) implements Decoded {
    }
}
