package dev.sdkauth.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Every sample event in {@code events/}, so that a file added there is tested without being listed anywhere. */
public final class Events {
    private Events() {
    }

    /**
     * The status a sample gets from a stack deployed with every default, as the README's table of samples says:
     * {@code invalid-*} is a 400, {@code anonymous-host-refused} a 403 (no host tokens for anonymous callers), the
     * rest a 200.
     */
    public static int deployedStatus(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("invalid") ? 400 : name.startsWith("anonymous-host-refused") ? 403 : 200;
    }

    public static List<Path> files() {
        try (Stream<Path> files = Files.list(Path.of("events"))) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
