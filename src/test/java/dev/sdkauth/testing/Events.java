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

    public static List<Path> files() {
        try (Stream<Path> files = Files.list(Path.of("events"))) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
