package dev.sdkauth.local;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.sdkauth.Environment;
import dev.sdkauth.Text;
import dev.sdkauth.handler.TokenHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/** {@code invoke EVENT.json|-}: the handler once on a proxy event, as {@code sam local invoke -e} runs it. */
final class InvokeCommand {
    static final String USAGE = """
            java -jar function.jar invoke EVENT.json   (or - for standard input)
                   the handler once on an event file of any door (events/), its answer as JSON
            """;

    private InvokeCommand() {
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Environment env,
                   LambdaLogger log) throws CommandFailure, IOException {
        String file = Arguments.parse(args, List.of(), List.of()).single("an event file, or - for standard input");
        // Read before the handler starts, so that an unreadable file is the one line said, not the fourth.
        byte[] event = read(file, in);
        TokenHandler handler = Main.handler(env, err, log);
        // The handler reads the event as Lambda hands it over: REST, HTTP API, function URL or ALB.
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), answer,
                new LocalContext(UUID.randomUUID().toString(), log));
        out.println(answer.toString(StandardCharsets.UTF_8));
        return 0;
    }

    private static byte[] read(String file, InputStream in) throws CommandFailure {
        if (file.equals("-")) {
            try {
                return in.readAllBytes();
            } catch (IOException unreadable) {
                throw CommandFailure.refused("cannot read an event from standard input: "
                        + Text.clip(unreadable.getMessage(), 100));
            }
        }
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (IOException | RuntimeException unreadable) {
            String why = unreadable instanceof NoSuchFileException ? "there is no such file"
                    : unreadable instanceof AccessDeniedException ? "permission denied"
                    : Files.isDirectory(Path.of(file)) ? "it is a directory"
                    : Text.clip(unreadable.getMessage(), 100);
            throw CommandFailure.refused("cannot read the event file " + Text.clip(file, 100) + ": " + why
                    + "; give the path of an event JSON file, such as events/video-sdk.json, or - to read the event"
                    + " from standard input");
        }
    }
}
