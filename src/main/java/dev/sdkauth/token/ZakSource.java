package dev.sdkauth.token;

import dev.sdkauth.zoom.ZoomException;

/**
 * Where a user's ZAK comes from (Zoom, through the Server-to-Server OAuth app: {@code zoom/Zaks}). An interface of
 * the token service's own, so that a container that never hands out a ZAK loads nothing of the Zoom client.
 */
@FunctionalInterface
public interface ZakSource {
    String zak(String user) throws ZoomException;
}
