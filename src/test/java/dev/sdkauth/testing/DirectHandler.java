package dev.sdkauth.testing;

import dev.sdkauth.Environment;
import dev.sdkauth.handler.TokenHandler;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The real handler signing both products with one direct secret at a fixed time, plus any settings given. */
public final class DirectHandler {
    public static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private DirectHandler() {
    }

    /** @param settings environment variables as name, value, name, value, ... */
    public static TokenHandler of(String secret, RecordingLogger log, String... settings) {
        Map<String, String> env = new HashMap<>(Map.of(
                "ZOOM_VIDEO_SDK_KEY", "VIDEO_KEY", "ZOOM_VIDEO_SDK_SECRET", secret,
                "ZOOM_MEETING_SDK_KEY", "MEETING_KEY", "ZOOM_MEETING_SDK_SECRET", secret));
        for (int i = 0; i < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        return new TokenHandler(Environment.of(env), false, new MutableClock(NOW), log);
    }
}
