package io.rdbguard.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rdbguard.core.check.Mode;
import io.rdbguard.core.engine.Policy;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PolicyLoaderTest {

    static final Set<String> CHECKS = Set.of("rdb-one-way", "rdb-unreadable", "image-unpinned", "probe-depth");

    @Test
    void without_an_admin_file_the_built_in_modes_apply() throws Exception {
        Policy policy = PolicyLoader.load(null, null, CHECKS);

        assertEquals(Mode.ENFORCE, policy.mode("rdb-one-way"));
        assertEquals(Mode.ENFORCE, policy.mode("rdb-unreadable"));
        assertEquals(Mode.WARN, policy.mode("image-unpinned"));
        assertEquals(Mode.ENFORCE, policy.mode("probe-depth"));
    }

    @Test
    void an_admin_file_overrides_only_the_modes_it_names() throws Exception {
        Policy policy = PolicyLoader.load("modes:\n  probe-depth: audit\n", "/etc/policy.yaml", CHECKS);

        assertEquals(Mode.AUDIT, policy.mode("probe-depth"));
        assertEquals(Mode.ENFORCE, policy.mode("rdb-one-way"));
    }

    @Test
    void an_empty_admin_file_changes_nothing() throws Exception {
        assertEquals(PolicyLoader.load(null, null, CHECKS), PolicyLoader.load("", "/etc/policy.yaml", CHECKS));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", textBlock = """
            a mode that does not exist          => 'modes: {probe-depth: enforcing}'  => /etc/policy.yaml: modes.probe-depth: 'enforcing' is not a mode; use one of enforce | warn | audit | off
            an unknown check id                 => 'modes: {probe-deep: warn}'        => /etc/policy.yaml: modes.probe-deep: unknown check id; known check ids: [image-unpinned, probe-depth, rdb-one-way, rdb-unreadable]
            an unknown top-level key            => 'mode: {probe-depth: warn}'        => /etc/policy.yaml: mode: unknown key; known keys: [modes]
            modes given as a list               => 'modes: [probe-depth]'             => /etc/policy.yaml: modes: expected a mapping of check id to mode, found a array
            a file that is not a mapping        => 'enforce'                          => /etc/policy.yaml: expected a mapping with the key 'modes', found the text 'enforce'
            broken YAML                         => 'modes: {probe-depth: warn'        => /etc/policy.yaml: line 1, column 26: not valid YAML: while parsing a flow mapping
            """)
    void a_bad_policy_file_is_refused_with_the_file_the_key_and_the_fix(String name, String yaml, String message) {
        var e = assertThrows(ConfigurationException.class, () -> PolicyLoader.load(yaml, "/etc/policy.yaml", CHECKS));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }
}
