package dev.sdkauth.handler;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** CORS headers for every answer, from {@code ALLOWED_ORIGINS}: "*" (the default) or a comma-separated list. */
final class Cors {
    static final String METHODS = "POST, OPTIONS";
    /** Header names and the commas and spaces between them: all a preflight may ask for, and all we echo. */
    private static final Pattern HEADER_LIST = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~, -]{1,1000}");
    private static final String DEFAULT_HEADERS = "Content-Type, Authorization, X-Amz-Date, X-Api-Key, X-Amz-Security-Token";

    private final List<String> origins;
    private final boolean anyOrigin;

    Cors(String allowedOrigins) {
        this.origins = allowedOrigins == null ? List.of("*") : Arrays.stream(allowedOrigins.split(","))
                .map(String::strip).filter(origin -> !origin.isEmpty()).toList();
        this.anyOrigin = origins.isEmpty() || origins.contains("*");
    }

    /**
     * With a list, a listed origin is echoed back; any other gets the first listed origin, which the browser then
     * refuses, so the answer still carries CORS headers without granting anything.
     */
    Map<String, String> headers(String requestOrigin, String requestedHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (anyOrigin) {
            headers.put("Access-Control-Allow-Origin", "*");
        } else {
            headers.put("Access-Control-Allow-Origin", origins.contains(requestOrigin) ? requestOrigin : origins.get(0));
            headers.put("Vary", "Origin");
        }
        headers.put("Access-Control-Allow-Methods", METHODS);
        // Like the Express cors middleware the Node samples use, allow the headers the preflight asks for.
        boolean echo = requestedHeaders != null && HEADER_LIST.matcher(requestedHeaders).matches();
        headers.put("Access-Control-Allow-Headers", echo ? requestedHeaders : DEFAULT_HEADERS);
        headers.put("Access-Control-Max-Age", "600");
        return headers;
    }
}
