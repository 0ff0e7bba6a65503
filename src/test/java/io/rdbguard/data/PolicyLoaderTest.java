package io.rdbguard.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rdbguard.core.check.CheckDescriptor;
import io.rdbguard.core.check.Mode;
import io.rdbguard.core.registry.CheckRegistry;
import io.rdbguard.core.engine.Policy;
import io.rdbguard.core.exemption.ExemptionPolicy;
import io.rdbguard.core.probe.ProbeDepthSettings;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PolicyLoaderTest {

    static final List<CheckDescriptor> CHECKS = CheckRegistry.DESCRIPTORS;

    @Test
    void without_an_admin_file_every_check_runs_in_its_default_mode() throws Exception {
        Policy policy = PolicyLoader.load(null, null, CHECKS).policy();

        assertEquals(Mode.ENFORCE, policy.mode(CheckRegistry.descriptor("rdb-one-way")));
        assertEquals(Mode.ENFORCE, policy.mode(CheckRegistry.descriptor("rdb-unreadable")));
        assertEquals(Mode.WARN, policy.mode(CheckRegistry.descriptor("image-unpinned")));
        assertEquals(Mode.ENFORCE, policy.mode(CheckRegistry.descriptor("probe-depth")));
    }

    @Test
    void an_admin_file_overrides_only_the_modes_it_names() throws Exception {
        Policy policy = PolicyLoader.load("modes:\n  probe-depth: audit\n", "/etc/policy.yaml", CHECKS).policy();

        assertEquals(Mode.AUDIT, policy.mode(CheckRegistry.descriptor("probe-depth")));
        assertEquals(Mode.ENFORCE, policy.mode(CheckRegistry.descriptor("rdb-one-way")));
    }

    @Test
    void backup_age_and_probe_profile_default_to_a_day_and_the_default_profile() throws Exception {
        var document = PolicyLoader.load(null, null, CHECKS);

        assertEquals(Duration.ofHours(24), document.maxBackupAge());
        assertEquals(ProbeDepthSettings.defaults(), document.probes());
    }

    @Test
    void an_admin_file_can_shorten_the_backup_age_and_choose_the_strict_profile() throws Exception {
        var document = PolicyLoader.load("backups: {maxAge: 6h}\nprobes: {profile: strict}\n", "/etc/policy.yaml", CHECKS);

        assertEquals(Duration.ofHours(6), document.maxBackupAge());
        assertEquals(ProbeDepthSettings.strict(), document.probes());
    }

    @Test
    void exemption_rules_default_to_30_days_no_all_and_anyone_may_grant() throws Exception {
        assertEquals(ExemptionPolicy.DEFAULT, PolicyLoader.load(null, null, CHECKS).policy().exemptions());
    }

    @Test
    void an_admin_file_sets_the_exemption_rules() throws Exception {
        String yaml = """
                exemptions:
                  maxHorizon: 7d
                  allowAll: true
                  neverExempt: [rdb-unreadable]
                  grantors: {users: [lead@example.com], groups: [platform-admins]}
                """;

        ExemptionPolicy exemptions = PolicyLoader.load(yaml, "/etc/policy.yaml", CHECKS).policy().exemptions();

        assertEquals(new ExemptionPolicy(Duration.ofDays(7), true, Set.of("rdb-unreadable"),
                Set.of("lead@example.com"), Set.of("platform-admins")), exemptions);
    }

    @Test
    void a_single_grantor_may_be_written_without_a_list() throws Exception {
        ExemptionPolicy exemptions = PolicyLoader.load("exemptions: {grantors: {users: alice}}", "/etc/policy.yaml", CHECKS)
                .policy().exemptions();

        assertEquals(Set.of("alice"), exemptions.grantorUsers());
    }

    @Test
    void an_empty_admin_file_changes_nothing() throws Exception {
        assertEquals(PolicyLoader.load(null, null, CHECKS), PolicyLoader.load("", "/etc/policy.yaml", CHECKS));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", textBlock = """
            a mode that does not exist          => 'modes: {probe-depth: enforcing}'  => /etc/policy.yaml, at modes.probe-depth: 'enforcing' is not a mode; use one of enforce | warn | audit | off
            an unknown check id                 => 'modes: {probe-deep: warn}'        => /etc/policy.yaml, at modes.probe-deep: unknown check id; known check ids: [image-unpinned, probe-depth, rdb-one-way, rdb-unreadable]
            an unknown top-level key            => 'mode: {probe-depth: warn}'        => /etc/policy.yaml, at mode: unknown key "mode"; the keys here are [backups, exemptions, modes, probes]
            modes given as a list               => 'modes: [probe-depth]'             => /etc/policy.yaml, at modes: wrong kind of value (Cannot deserialize value of type a mapping from Array value
            a file that is not a mapping        => 'enforce'                          => /etc/policy.yaml: expected a mapping with the keys [backups, exemptions, modes, probes], found the text 'enforce'
            a backup age without unit           => 'backups: {maxAge: 24}'             => /etc/policy.yaml, at backups.maxAge: '24' is not a duration; write a positive whole number with s, m, h or d, e.g. 24h
            a zero backup age                   => 'backups: {maxAge: 000h}'           => /etc/policy.yaml, at backups.maxAge: '000h' is not a duration
            an unknown probe profile            => 'probes: {profile: paranoid}'       => /etc/policy.yaml, at probes.profile: 'paranoid' is not a probe profile; use default or strict
            a grantor that is a mapping         => 'exemptions: {grantors: {users: {alice: 1}}}' => /etc/policy.yaml, at exemptions.grantors.users[0]: wrong kind of value (Cannot deserialize value of type a text from Object value
            never exempting an unknown check    => 'exemptions: {neverExempt: [rdb-oneway]}' => /etc/policy.yaml, at exemptions.neverExempt: unknown check id 'rdb-oneway'
            broken YAML                         => 'modes: {probe-depth: warn'        => /etc/policy.yaml, at line 1, column 26: not valid YAML (while parsing a flow mapping
            a duration too long for any policy  => 'backups: {maxAge: 99999999999999999999d}' => /etc/policy.yaml, at backups.maxAge: '99999999999999999999d' is longer than 3650d, the longest rdb-guard accepts
            an exemption horizon of ten years and a day => 'exemptions: {maxHorizon: 3651d}' => /etc/policy.yaml, at exemptions.maxHorizon: '3651d' is longer than 3650d
            """)
    void a_bad_policy_file_is_refused_with_the_file_the_key_and_the_fix(String name, String yaml, String message) {
        var e = assertThrows(ConfigurationException.class, () -> PolicyLoader.load(yaml, "/etc/policy.yaml", CHECKS));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }
}
