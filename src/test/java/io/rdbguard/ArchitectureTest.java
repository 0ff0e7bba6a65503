package io.rdbguard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers stay strict (cli → webhook → helm → kube → data → core: each may use only those to its right) and no
 * two packages depend on each other, so each can be read, tested and changed from its own side.
 */
class ArchitectureTest {

    static final Path SOURCES = Path.of("src/main/java");
    static final List<String> LAYERS = List.of("cli", "webhook", "helm", "kube", "data", "core");
    static final Pattern PACKAGE = Pattern.compile("^package (io\\.rdbguard(?:\\.[a-z0-9]+)*);", Pattern.MULTILINE);
    static final Pattern IMPORT = Pattern.compile("^import (?:static )?(io\\.rdbguard(?:\\.[a-z0-9]+)*)\\.[A-Z]", Pattern.MULTILINE);

    @Test
    void each_layer_uses_only_the_layers_below_it() {
        List<String> violations = new ArrayList<>();
        dependencies().forEach((from, targets) -> targets.forEach(to -> {
            if (LAYERS.indexOf(layer(to)) < LAYERS.indexOf(layer(from))) {
                violations.add(from + " → " + to);
            }
        }));
        assertEquals(List.of(), violations, "imports against the layers " + String.join(" → ", LAYERS));
    }

    @Test
    void no_two_packages_depend_on_each_other() {
        Map<String, Set<String>> graph = dependencies();
        List<String> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            for (String next : graph.get(start)) {
                if (reaches(graph, next, start, new TreeSet<>())) {
                    cycles.add(start + " → " + next + " → … → " + start);
                }
            }
        }
        assertEquals(List.of(), cycles, "package cycles");
    }

    private static boolean reaches(Map<String, Set<String>> graph, String from, String target, Set<String> seen) {
        if (from.equals(target)) {
            return true;
        }
        if (!seen.add(from)) {
            return false;
        }
        return graph.getOrDefault(from, Set.of()).stream().anyMatch(next -> reaches(graph, next, target, seen));
    }

    /** "io.rdbguard.core.redis" → "core". */
    private static String layer(String pkg) {
        return pkg.split("\\.")[2];
    }

    /** Package → the other io.rdbguard packages its files import. */
    static Map<String, Set<String>> dependencies() {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
                String text = read(file);
                Matcher pkg = PACKAGE.matcher(text);
                if (!pkg.find()) {
                    return;
                }
                Set<String> targets = graph.computeIfAbsent(pkg.group(1), k -> new TreeSet<>());
                Matcher imports = IMPORT.matcher(text);
                while (imports.find()) {
                    if (!imports.group(1).equals(pkg.group(1))) {
                        targets.add(imports.group(1));
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
