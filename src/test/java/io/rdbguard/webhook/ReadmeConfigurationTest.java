package io.rdbguard.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table says what each setting defaults to; the defaults in force are those of
 * application.properties. They drifted once (the warm-up rounds went from 10 to 3, the table kept 10).
 */
class ReadmeConfigurationTest {

    /** A row of the table: {@code | `RDB_GUARD_X` | `default` ... |} or {@code | `RDB_GUARD_X` | none ... |}. */
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z0-9_]+)` \\| (`([^`]*)`|none)", Pattern.MULTILINE);
    /** A property whose value is another's, with a default: {@code ${other:default}}. */
    private static final Pattern INDIRECT = Pattern.compile("\\$\\{[^:}]+:([^}]*)}");

    @Test
    void every_default_in_the_readme_table_is_the_one_in_force() throws IOException {
        Map<String, String> inForce = new LinkedHashMap<>();
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith("%")) {
                Matcher indirect = INDIRECT.matcher(properties.getProperty(key));
                inForce.put(asEnvironmentVariable(key), indirect.matches() ? indirect.group(1) : properties.getProperty(key));
            }
        }
        Matcher row = ROW.matcher(Files.readString(Path.of("README.md")));
        int compared = 0;
        while (row.find()) {
            String variable = row.group(1);
            if (inForce.containsKey(variable)) {
                assertEquals(inForce.get(variable), row.group(3) == null ? "none" : row.group(3), variable);
                compared++;
            }
        }
        assertTrue(compared >= 15, "the table was found: " + compared + " rows compared");
    }

    /** How Quarkus names a property in the environment: upper case, every other character an underscore. */
    private static String asEnvironmentVariable(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
