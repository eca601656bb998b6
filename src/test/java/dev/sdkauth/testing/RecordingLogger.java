package dev.sdkauth.testing;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every log line, so tests can assert what was logged and that no secret ever was. */
public final class RecordingLogger implements LambdaLogger {
    public final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void log(String message) {
        lines.add(message);
    }

    @Override
    public void log(byte[] message) {
        lines.add(new String(message, StandardCharsets.UTF_8));
    }

    @Override
    public void log(String message, LogLevel level) {
        lines.add(level + " " + message);
    }

    /** The last line that starts with {@code prefix} (level first, e.g. "ERROR Answering 503"); fails without one. */
    public String last(String prefix) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(prefix)) {
                return lines.get(i);
            }
        }
        throw new AssertionError("no log line starts with \"" + prefix + "\" in:\n" + all());
    }

    public String all() {
        return String.join("\n", lines);
    }
}
