package dev.sdkauth.handler;

/** An event that is not a request at all (not JSON, not an object): answered 400 with {@code reason}. */
public record UnreadableEvent(Door door, String reason) implements Incoming {
}
