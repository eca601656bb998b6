package dev.sdkauth.handler;

import java.util.Map;

/** An answer before it is put in the shape its door expects: status, headers, and a JSON body or null. */
public record Response(int status, Map<String, String> headers, String body) {
}
