package dev.sdkauth.doctor;

import dev.sdkauth.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what a person pasted into a token's parts without trusting any of it. Lenient where people are sloppy
 * (surrounding quotes, a "Bearer " prefix, the endpoint's whole JSON answer, standard base64 instead of base64url),
 * so that the doctor can still say what is wrong instead of only "cannot read this".
 */
final class Decoder {
    /** Far beyond any SDK token (ours are about 300 characters); longer input is not worth decoding. */
    private static final int MAX_LENGTH = 16 * 1024;
    /**
     * The old Meeting SDK signature decoded: {@code apiKey.meetingNumber.timestamp.role.base64(HMAC)}, the timestamp in
     * milliseconds (devforum.zoom.us/t/62785 and /t/73125 show the generators).
     */
    private static final Pattern LEGACY = Pattern.compile("([^.\\s]+)\\.(\\d+)\\.(\\d+)\\.(\\d+)\\.([A-Za-z0-9+/_=-]+)");
    private static final Pattern NOT_BASE64URL = Pattern.compile("[+/=]");

    private Decoder() {
    }

    /** @param notes receives how the input was read, when that was not simply "a token" */
    static Decoded decode(String input, List<String> notes) {
        String text = unwrap(input == null ? "" : input.strip(), notes);
        if (text.isEmpty()) {
            return new Decoded.Undecodable("No token was given: the input is empty.");
        }
        if (text.length() > MAX_LENGTH) {
            return new Decoded.Undecodable("The input is " + text.length() + " characters long; a Zoom SDK token"
                    + " is a few hundred. It is not a token.");
        }
        String[] parts = text.split("\\.", -1);
        return switch (parts.length) {
            case 3 -> jwt(parts);
            case 1 -> legacy(text);
            case 5 -> new Decoded.Undecodable("This has five dot-separated parts: an encrypted JWT (JWE). Zoom's SDKs"
                    + " take a signed JWT of three parts (header.payload.signature), signed with HS256.");
            default -> new Decoded.Undecodable("A JWT has three dot-separated parts (header.payload.signature); this"
                    + " has " + parts.length + ". Was it cut short or pasted twice?");
        };
    }

    /** Peels what people paste around a token: quotes, "Bearer ", or the endpoint's JSON answer. */
    private static String unwrap(String text, List<String> notes) {
        if (text.startsWith("{")) {
            try {
                Object answer = Json.read(text);
                for (String member : List.of("signature", "token")) {
                    String token = Json.text(answer, member);
                    if (token != null) {
                        notes.add("Read the token from the \"" + member + "\" member of the JSON given.");
                        return token.strip();
                    }
                }
            } catch (IOException notJson) {
                // falls through: judged as it is, and reported as undecodable
            }
            return text;
        }
        if (text.length() >= 2 && (text.startsWith("\"") && text.endsWith("\"")
                || text.startsWith("'") && text.endsWith("'"))) {
            text = text.substring(1, text.length() - 1).strip();
        }
        if (text.regionMatches(true, 0, "Bearer ", 0, 7)) {
            text = text.substring(7).strip();
        }
        return text;
    }

    private static Decoded jwt(String[] parts) {
        List<Finding> findings = new ArrayList<>();
        String[] names = {"header", "payload", "signature"};
        for (int i = 0; i < parts.length; i++) {
            if (NOT_BASE64URL.matcher(parts[i]).find()) {
                findings.add(Finding.error(null, "The " + names[i] + " part is standard base64 ('+', '/' or '='"
                        + " padding), not base64url without padding as a JWT must be (RFC 7515). Zoom cannot read"
                        + " it: the join fails, sometimes without any error. Fix: encode every part with base64url"
                        + " ('-' and '_', no '='), as any JWT library does."));
                break;
            }
        }
        Map<String, Object> header = object(parts[0]);
        if (header == null) {
            return new Decoded.Undecodable("The header (first part) is not base64url-encoded JSON object text.");
        }
        Map<String, Object> claims = object(parts[1]);
        if (claims == null) {
            return new Decoded.Undecodable("The payload (second part) is not base64url-encoded JSON object text.");
        }
        byte[] signature = base64(parts[2]);
        if (signature == null) {
            findings.add(Finding.error(null, "The signature (third part) is not base64url. Zoom cannot verify it."
                    + " Fix: let a JWT library encode the token."));
        }
        byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        return new Decoded.Jwt(header, claims, signingInput, signature, List.copyOf(findings));
    }

    private static Decoded legacy(String text) {
        byte[] bytes = base64(text);
        if (bytes != null) {
            Matcher fields = LEGACY.matcher(new String(bytes, StandardCharsets.UTF_8));
            if (fields.matches()) {
                Map<String, Object> legacy = new LinkedHashMap<>();
                legacy.put("apiKey", fields.group(1));
                legacy.put("meetingNumber", fields.group(2));
                legacy.put("timestamp", number(fields.group(3)));
                legacy.put("role", number(fields.group(4)));
                return new Decoded.LegacySignature(legacy);
            }
        }
        return new Decoded.Undecodable("This is not a JWT (a JWT has three dot-separated parts,"
                + " header.payload.signature, and starts with \"eyJ\"), nor the old base64 Meeting SDK signature.");
    }

    private static Object number(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLong) {
            return digits;
        }
    }

    private static Map<String, Object> object(String part) {
        byte[] bytes = base64(part);
        if (bytes == null) {
            return null;
        }
        try {
            return Json.object(Json.read(bytes));
        } catch (IOException notJson) {
            return null;
        }
    }

    /** base64url or standard base64, padded or not; null when it is neither. */
    private static byte[] base64(String part) {
        String url = part.replace('+', '-').replace('/', '_');
        int end = url.length();
        while (end > 0 && url.charAt(end - 1) == '=') {
            end--;
        }
        try {
            return Base64.getUrlDecoder().decode(url.substring(0, end));
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
