package dev.sdkauth.testing;

import dev.sdkauth.Mode;
import dev.sdkauth.Environment;
import dev.sdkauth.handler.TokenHandler;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The real handler, deployed, signing both products with one direct secret at a fixed time, plus any settings given.
 * Anonymous callers may have host tokens, as on a stack deployed with {@code AnonymousHostTokens=true}, so that
 * the request rules are tested whatever the role; a setting given here overrides that.
 */
public final class DirectHandler {
    public static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private DirectHandler() {
    }

    /** @param settings environment variables as name, value, name, value, ... */
    public static TokenHandler of(String secret, RecordingLogger log, String... settings) {
        return new TokenHandler(environment(secret, settings), Mode.DEPLOYED, new MutableClock(NOW), log);
    }

    /** The same under {@code serve} or {@code invoke}: the operator is the caller. */
    public static TokenHandler local(String secret, RecordingLogger log, String... settings) {
        return TokenHandler.local(environment(secret, settings), new MutableClock(NOW), log);
    }

    private static Environment environment(String secret, String... settings) {
        Map<String, String> env = new HashMap<>(Map.of(
                "ZOOM_VIDEO_SDK_KEY", "VIDEO_KEY", "ZOOM_VIDEO_SDK_SECRET", secret,
                "ZOOM_MEETING_SDK_KEY", "MEETING_KEY", "ZOOM_MEETING_SDK_SECRET", secret,
                "ANONYMOUS_HOST_TOKENS", "true"));
        for (int i = 0; i < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        return Environment.of(env);
    }
}
