package dev.sdkauth.local;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Logs to standard error, so that {@code invoke} keeps standard output for the response alone. */
final class StderrLogger implements LambdaLogger {
    private final PrintStream err;

    StderrLogger(PrintStream err) {
        this.err = err;
    }

    @Override
    public void log(String message) {
        err.println(message);
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }

    @Override
    public void log(String message, LogLevel level) {
        err.println(level + " " + message);
    }
}
