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

    public String all() {
        return String.join("\n", lines);
    }
}
