package dev.sdkauth.handler;

/** What reading an event gives: a request to route, or an event that could not be read and why. */
public sealed interface Incoming permits HttpRequest, UnreadableEvent {
    Door door();
}
