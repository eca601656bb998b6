package dev.sdkauth;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The rules each room's package-info states, held to the imports of its sources. */
class RoomsTest {
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(dev\\.sdkauth\\.[\\w.]+);", Pattern.MULTILINE);
    /** The shared base package: configuration, JSON, text, the one HTTP exchange. No Zoom knowledge in behaviour. */
    private static final List<String> BASE = List.of("dev.sdkauth.Environment", "dev.sdkauth.Setting",
            "dev.sdkauth.Text", "dev.sdkauth.Http", "dev.sdkauth.Json");

    private static List<String> offenders(String room, List<String> allowed) throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/sdkauth", room))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher imports = IMPORT.matcher(Files.readString(file));
                while (imports.find()) {
                    String imported = imports.group(1);
                    if (!imported.startsWith("dev.sdkauth." + room + ".")
                            && allowed.stream().noneMatch(imported::startsWith)) {
                        offenders.add(file.getFileName() + " imports " + imported);
                    }
                }
            }
        }
        return offenders;
    }

    @Test
    void theAwsRoomKnowsNothingOfZoom() throws IOException {
        assertEquals(List.of(), offenders("aws", BASE));
    }

    @Test
    void theCredentialsRoomAsksAwsForParametersAndNothingElseOfTheRest() throws IOException {
        List<String> allowed = new ArrayList<>(BASE);
        allowed.addAll(List.of("dev.sdkauth.aws.SsmParameters", "dev.sdkauth.aws.SsmParameter",
                "dev.sdkauth.aws.AwsException"));
        assertEquals(List.of(), offenders("credentials", allowed));
    }

    @Test
    void theZoomRoomDecidesNothingAboutWhoMayHaveWhat() throws IOException {
        List<String> allowed = new ArrayList<>(BASE);
        allowed.addAll(List.of("dev.sdkauth.credentials.", "dev.sdkauth.token.ZakSource"));
        assertEquals(List.of(), offenders("zoom", allowed));
    }
}
