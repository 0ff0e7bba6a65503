package io.rdbguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The policy core must stay free of frameworks so that it can be tested, reused and reasoned about alone. */
class CorePurityTest {

    @Test
    void the_core_imports_nothing_but_the_jdk_and_itself() throws IOException {
        Path core = Path.of("src/main/java/io/rdbguard/core");
        List<String> offending;
        try (Stream<Path> files = Files.walk(core)) {
            offending = files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(CorePurityTest::imports)
                    .filter(line -> !line.matches("import (static )?(java\\.|io\\.rdbguard\\.core\\.).*   // .*"))
                    .toList();
        }
        assertFalse(Files.notExists(core));
        assertEquals(List.of(), offending, "framework imports in the core");
    }

    private static Stream<String> imports(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith("import "))
                    .map(l -> l + "   // " + file.getFileName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
