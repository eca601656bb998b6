package dev.sdkauth.handler;

import dev.sdkauth.policy.Caller;

import java.util.Map;

/**
 * One request as the handler routes it, whatever door it came through.
 *
 * @param method       upper case; empty when the event had none
 * @param path         the path to route on, without the stage; trailing slashes are dropped, and "" is "/"
 * @param headers      by lower-cased name, one value each
 * @param body         as the event carried it, or null
 * @param caller       the identity the door's authorizer established
 * @param apiRequestId the door's own request id, to join with its access logs (null when it has none)
 * @param unreadable   why the event itself could not be read, or null
 */
public record HttpRequest(Door door, String method, String path, Map<String, String> headers, String body,
                          boolean base64Encoded, Caller caller, String apiRequestId, String unreadable) {

    public HttpRequest {
        path = routePath(path);
        headers = Map.copyOf(headers);
    }

    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    private static String routePath(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "/";
        }
        int end = raw.length();
        while (end > 1 && raw.charAt(end - 1) == '/') {
            end--;
        }
        return raw.substring(0, end);
    }
}
