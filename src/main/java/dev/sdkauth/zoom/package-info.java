/**
 * Zoom's OAuth and REST calls: the Server-to-Server OAuth access token (cached per container, fetched
 * single-flight) and the ZAK call made with it. Hosts come from {@code ZOOM_OAUTH_URL} and {@code ZOOM_API_URL}.
 *
 * <p>The rule of this room: it speaks HTTP to Zoom and reports what Zoom said as a {@link dev.sdkauth.zoom.ZoomException}
 * of a fixed kind; it decides nothing about who may have a token (that is {@code policy}), and no access token,
 * client secret or ZAK ever reaches a message of its exceptions.
 */
package dev.sdkauth.zoom;
