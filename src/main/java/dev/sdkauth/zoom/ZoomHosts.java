package dev.sdkauth.zoom;

import dev.sdkauth.Environment;
import dev.sdkauth.Setting;

import java.net.URI;

/**
 * Where Zoom is: its OAuth host ({@code ZOOM_OAUTH_URL}, {@code https://zoom.us} by default) and its REST API host
 * ({@code ZOOM_API_URL}, {@code https://api.zoom.us}); {@code zoomgov.com} for Zoom for Government, or a loopback
 * stand-in in tests.
 */
public record ZoomHosts(URI oauth, URI api) {

    /** @throws ZoomException of kind MISCONFIGURED when either is not an http(s) URL with a host */
    public static ZoomHosts from(Environment env) throws ZoomException {
        return new ZoomHosts(base(env, Setting.ZOOM_OAUTH_URL), base(env, Setting.ZOOM_API_URL));
    }

    private static URI base(Environment env, Setting setting) throws ZoomException {
        String text = env.get(setting);
        URI uri;
        try {
            uri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (IllegalArgumentException malformed) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawUserInfo() != null
                || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw new ZoomException(ZoomException.Kind.MISCONFIGURED, setting.name()
                    + " must be an http(s) URL such as " + setting.defaultValue(), null);
        }
        return uri;
    }

    /** scheme://host[:port], for messages. */
    static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
