package dev.sdkauth.token;

import dev.sdkauth.request.VideoDialect;

import java.util.Map;

/**
 * What issuing decided: the answer to send and what the caller may want to report about it.
 *
 * @param answer  the response body: {@code {"signature": ...}} and the like
 * @param dialect the Video SDK request dialect, or null for a Meeting SDK token
 * @param role    the role signed into the token, or null for a native Meeting SDK token, which has none
 */
public record Issued(Map<String, Object> answer, VideoDialect dialect, Long role) {
}
