package dev.sdkauth;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Setting} is the one list: the README's configuration table and the code's reads agree with it. */
class SettingsTest {
    private static final Pattern NAME = Pattern.compile("`([A-Z][A-Z0-9_]+)`");

    /** First column's names → second column, of every row of the README's "Configuration" table. */
    private static Map<String, String> readmeTable() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("\n## Configuration\n");
        assertTrue(start >= 0, "README has a Configuration section");
        String section = readme.substring(start + 1);
        section = section.substring(0, section.indexOf("\n## ", 3));
        Map<String, String> rows = new TreeMap<>();
        for (String line : section.split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split(" \\| ", 3);
            Matcher names = NAME.matcher(cells[0]);
            while (names.find()) {
                rows.put(names.group(1), cells[1].replace("`", "").strip());
            }
        }
        return rows;
    }

    @Test
    void theReadmeTableNamesExactlyTheSettings() throws IOException {
        TreeSet<String> expected = new TreeSet<>();
        for (Setting setting : Setting.values()) {
            expected.add(setting.name());
        }
        assertEquals(expected, new TreeSet<>(readmeTable().keySet()));
    }

    @Test
    void theReadmeTableGivesEachSettingsDefault() throws IOException {
        Map<String, String> table = readmeTable();
        for (Setting setting : Setting.values()) {
            String documented = table.get(setting.name());
            if (setting.defaultValue() != null) {
                assertEquals(setting.defaultValue(), documented, setting.name());
            } else if (setting.declared() != Setting.Declared.BY_LAMBDA) {
                assertTrue(documented.equals("—") || documented.startsWith("http"), setting + ": " + documented);
            }
        }
    }

    @Test
    void anUnsetOrBlankSettingFallsBackToItsDefaultAndAValueIsStripped() {
        Environment env = Environment.of(Map.of("MAX_ROLE", "  ", "PORT", " 8080 "));
        assertEquals("1", env.get(Setting.MAX_ROLE));
        assertEquals("8080", env.get(Setting.PORT));
        assertEquals("ZoomSdkAuth", env.get(Setting.METRICS_NAMESPACE));
        assertNull(env.get(Setting.SESSION_NAME_PATTERN));
        assertTrue(env.isSet(Setting.PORT) && !env.isSet(Setting.MAX_ROLE));
    }

    /** Everything reads through {@link Environment#get(Setting)}: no other read of the process environment. */
    @Test
    void noMainCodeReadsTheEnvironmentAroundTheList() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                boolean environment = file.endsWith("Environment.java");
                if (!environment && (source.contains("System.getenv") || source.contains(".raw("))) {
                    offenders.add(file + " reads the environment directly");
                }
                // Only the doctor's --secret-env names a variable at run time.
                if (!environment && !file.endsWith("DoctorCommand.java") && source.contains(".named(")) {
                    offenders.add(file + " reads a variable by a name of its own");
                }
            }
        }
        assertEquals(List.of(), offenders);
    }
}
