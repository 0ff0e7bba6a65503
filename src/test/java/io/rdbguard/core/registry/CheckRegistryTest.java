package io.rdbguard.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rdbguard.core.check.DescribedCheck;
import io.rdbguard.core.check.CheckDescriptor;
import io.rdbguard.core.probe.ProbeClassifier;
import io.rdbguard.core.probe.ProbeDepthSettings;
import io.rdbguard.core.redis.FormatGuardSettings;
import io.rdbguard.core.redis.ImageIdentifier;
import io.rdbguard.core.redis.RedisFamily;
import io.rdbguard.data.CatalogLoader;
import io.rdbguard.data.ProbeRulesLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The descriptors are the one source of what the checks are: the registry, the README and the docs agree with them. */
class CheckRegistryTest {

    static final Path README = Path.of("README.md");
    static final String BEGIN = "<!-- check table: generated from the check descriptors; CheckRegistryTest keeps it true -->";
    static final String END = "<!-- end of check table -->";

    @Test
    void every_registered_check_is_built_with_its_descriptor_in_registry_order() throws Exception {
        List<DescribedCheck> checks = CheckRegistry.create(new CheckRegistry.Knowledge(
                new RedisFamily(new ImageIdentifier(CatalogLoader.builtIn())), new ProbeClassifier(ProbeRulesLoader.builtIn()),
                ProbeDepthSettings.defaults(), FormatGuardSettings.defaults(Clock.systemUTC())));

        assertEquals(CheckRegistry.DESCRIPTORS, checks.stream().map(DescribedCheck::descriptor).toList());
    }

    @Test
    void check_ids_are_unique() {
        assertEquals(CheckRegistry.ids().size(), new HashSet<>(CheckRegistry.ids()).size(), CheckRegistry.ids()::toString);
    }

    @Test
    void every_check_documents_itself_in_a_file_that_exists() {
        for (CheckDescriptor check : CheckRegistry.DESCRIPTORS) {
            Path docs = Path.of(check.docs().replaceFirst("#.*", ""));
            assertTrue(Files.isRegularFile(docs), check.id() + " points at " + check.docs() + ", which does not exist");
        }
    }

    @Test
    void the_readme_check_table_is_the_one_the_descriptors_make() throws IOException {
        String readme = Files.readString(README);
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "README.md has no check table between " + BEGIN + " and " + END);
        String shown = readme.substring(begin + BEGIN.length(), end).strip();
        assertEquals(table(), shown, "paste this table into README.md:\n" + table());
    }

    static String table() {
        return "| id | fires when | default mode | without it | resolve a finding |\n|---|---|---|---|---|\n"
                + CheckRegistry.DESCRIPTORS.stream()
                        .map(c -> "| `" + c.id() + "` | " + c.title() + " | " + c.defaultMode().label() + " | " + c.protects()
                                + " | " + c.remediation() + " ([more](" + c.docs() + ")) |")
                        .collect(Collectors.joining("\n"));
    }
}
