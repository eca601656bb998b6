package dev.sdkauth.request;

/**
 * One entry of the {@code {"errors": [...]}} answer. {@code property} is null when the problem is the request
 * as a whole (malformed JSON, wrong method) rather than one named property.
 */
public record ValidationError(String property, String reason) {
}
