package io.rdbguard.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rdbguard.core.engine.CheckResult;
import io.rdbguard.core.engine.Decision;
import io.rdbguard.core.engine.Engine;
import io.rdbguard.core.probe.Depth;
import io.rdbguard.core.probe.ProbeClassifier;
import io.rdbguard.core.probe.ProbeRules;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.Container;
import io.rdbguard.core.workload.Operation;
import io.rdbguard.core.workload.Probe;
import io.rdbguard.core.workload.Requester;
import io.rdbguard.core.workload.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbeRulesLoaderTest {

    @TempDir
    Path dir;

    @Test
    void every_built_in_rule_names_its_source() throws Exception {
        ProbeRules rules = ProbeRulesLoader.builtIn();
        assertFalse(rules.execRules().isEmpty());
        rules.execRules().forEach(r -> assertFalse(r.source().isBlank(), r.name()));
        rules.httpRules().forEach(r -> assertFalse(r.source().isBlank(), r.name()));
    }

    @Test
    void an_admin_rule_grades_a_site_specific_script() throws Exception {
        ProbeClassifier classifier = classifierWith("""
                exec:
                  rules:
                    - name: acme-ready
                      match: ['/opt/acme/redis-ready\\.sh']
                      depth: serving
                      explanation: ACME's script requires PONG and role:master
                      source: ACME platform team, runbook DB-12
                      examples:
                        - {depth: serving, command: [/opt/acme/redis-ready.sh]}
                """);
        var result = classifier.classify(exec("/opt/acme/redis-ready.sh"));
        assertEquals(Depth.SERVING, result.depth());
        assertEquals("ACME's script requires PONG and role:master", result.explanation());
    }

    @Test
    void an_admin_rule_is_tried_before_the_built_in_ones() throws Exception {
        ProbeClassifier classifier = classifierWith("""
                exec:
                  rules:
                    - name: dragonfly-healthcheck
                      match: ['/usr/local/bin/healthcheck\\.sh']
                      depth: serving
                      explanation: our Dragonfly images all have the loading:0 healthcheck
                      source: pinned images >= the release with dragonfly PR 5878
                      examples:
                        - {depth: serving, command: [/bin/sh, /usr/local/bin/healthcheck.sh], notRun: a script in our Dragonfly image}
                """);
        assertEquals(Depth.SERVING, classifier.classify(exec("/bin/sh", "/usr/local/bin/healthcheck.sh")).depth());
        assertEquals(Depth.PROTOCOL, new ProbeClassifier(ProbeRulesLoader.builtIn())
                .classify(exec("/bin/sh", "/usr/local/bin/healthcheck.sh")).depth());
    }

    @Test
    void admin_vocabulary_and_local_hosts_are_added() throws Exception {
        ProbeClassifier classifier = classifierWith("""
                vocabulary:
                  acmecli:
                    pattern: '\\bacme-redis\\b'
                    source: ACME's wrapper around redis-cli
                exec:
                  otherPod:
                    localHosts: [redis-sidecar-proxy]
                  rules:
                    - name: acme-wrapper
                      match: ['{acmecli}', '{pong}']
                      depth: serving
                      explanation: the wrapper's reply is compared with PONG
                      source: ACME runbook DB-13
                      examples:
                        - {depth: serving, command: [sh, -c, 'acme-redis ping | grep PONG']}
                """);
        assertEquals(Depth.SERVING, classifier.classify(sh("acme-redis ping | grep PONG")).depth());
        assertFalse(classifier.classify(sh("redis-cli -h redis-sidecar-proxy ping | grep PONG")).dependsOnOtherPod());
    }

    @Test
    void an_empty_admin_file_changes_nothing() throws Exception {
        ProbeRules rules = ProbeRulesLoader.withAdminFile(write(""));
        assertEquals(ProbeRulesLoader.builtIn().execRules().size(), rules.execRules().size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an unknown depth        | exec: {rules: [{name: x, match: [a], depth: deep, explanation: e, source: s}]}                  | exec.rules[0] ("x"): depth "deep" is not a depth; use one of none, port, protocol, serving, configured
            a rule without source   | exec: {rules: [{name: x, match: [a], depth: port, explanation: e}]}                             | exec.rules[0] ("x") source: is missing
            a rule without match    | exec: {rules: [{name: x, depth: port, explanation: e, source: s}]}                              | exec.rules[0] ("x"): match is missing
            the second rule broken  | exec: {rules: [{name: a, match: [a], depth: port, explanation: e, source: s, examples: [{command: [a], depth: port}]}, {name: b, match: ['(x'], depth: port, explanation: e, source: s}]} | exec.rules[1] ("b") match[0]: invalid regular expression: Unclosed group
            an unknown placeholder  | exec: {rules: [{name: x, match: ['{clii} ping'], depth: port, explanation: e, source: s}]}      | unknown placeholder {clii}; use one of {cli}
            a misspelt field        | exec: {rules: [{name: x, matches: [a], depth: port, explanation: e, source: s}]}                | exec.rules[0].matches: unknown key "matches"
            a duplicated name       | exec: {rules: [{name: x, match: [a], depth: port, explanation: e, source: s, examples: [{command: [a], depth: port}]}, {name: x, match: [b], depth: port, explanation: e, source: s}]} | exec.rules[1] ("x"): the name "x" is used twice
            a redefined term        | vocabulary: {cli: {pattern: x, source: s}}                                                      | vocabulary.cli: {cli} is already defined by the built-in rules
            an http rule bad depth  | http: {rules: [{name: h, path: /ok, depth: 3, explanation: e, source: s}]}                      | http.rules[0] ("h"): depth "3" is not a depth
            a rule without examples | exec: {rules: [{name: x, match: [a], depth: port, explanation: e, source: s}]}                  | exec.rules[0] ("x"): examples is missing; list at least one {command: [...], depth: ...}
            an example without argv | exec: {rules: [{name: x, match: [a], depth: port, explanation: e, source: s, examples: [{depth: port}]}]} | exec.rules[0] ("x") examples[0]: command is missing
            a claim rdb-guard denies | exec: {rules: [{name: x, match: [a], depth: serving, explanation: e, source: s, examples: [{command: [sh, -c, a; exit 0], depth: serving}]}]} | rule "x" example 1 [sh, -c, a; exit 0] claims depth 3 (serving), but rdb-guard grades it 0 (none)
            broken YAML             | exec: {rules: [                                                                                 | at line 1, column 16: not valid YAML
            """)
    void a_bad_admin_file_names_the_file_the_entry_and_the_problem(String description, String yaml, String expected) throws Exception {
        Path file = write(yaml);
        var e = assertThrows(ConfigurationException.class, () -> ProbeRulesLoader.withAdminFile(file));
        assertTrue(e.getMessage().startsWith("probe rules file " + file), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void a_missing_admin_file_says_so() throws Exception {
        Path missing = dir.resolve("absent.yaml");
        var e = assertThrows(ConfigurationException.class, () -> ProbeRulesLoader.withAdminFile(missing));
        assertTrue(e.getMessage().contains(missing + " cannot be read"), e.getMessage());
    }

    /** The engine remembers each probe's grade; an edited rules file is a reload, which must grade it anew. */
    @Test
    void an_edited_rules_file_regrades_a_probe_the_engine_has_graded_before() throws Exception {
        Path file = write(acmeRule("serving", "ACME v1 requires PONG and role:master"));
        Change change = new Change("reload-1", Operation.CREATE, new Workload("StatefulSet", "shop", "cache", Map.of(), Map.of(),
                new Workload.PodTemplate(Map.of(), List.of(), List.of(new Container("redis", "redis:7.2.4", false, List.of(),
                        exec("/opt/acme/redis-ready.sh"), null, null)))), null, Requester.UNKNOWN, false);
        EngineFactory.Sources sources = new EngineFactory.Sources(Optional.empty(), Optional.empty(), Optional.of(file));
        Engine engine = EngineFactory.build(sources, Clock.systemUTC());
        for (int i = 0; i < 2; i++) {
            assertEquals("readiness depth 3 (serving) meets the minimum 3 (serving): ACME v1 requires PONG and role:master",
                    readiness(engine.judge(change)));
        }

        write(acmeRule("protocol", "ACME v2 only checks the exit code"));
        Engine reloaded = EngineFactory.build(sources, Clock.systemUTC());

        assertTrue(readiness(reloaded.judge(change)).startsWith("readiness depth 2 (protocol) is below the minimum 3 (serving):"
                + " ACME v2 only checks the exit code"), readiness(reloaded.judge(change)));
        assertFalse(reloaded.judge(change).allowed());
    }

    private static String acmeRule(String depth, String explanation) {
        return """
                exec:
                  rules:
                    - name: acme-ready
                      match: ['/opt/acme/redis-ready\\.sh']
                      depth: %s
                      explanation: %s
                      source: ACME platform team, runbook DB-12
                      examples:
                        - {depth: %s, command: [/opt/acme/redis-ready.sh]}
                """.formatted(depth, explanation, depth);
    }

    private static String readiness(Decision decision) {
        return decision.results().stream().filter(r -> r.checkId().equals("probe-depth") && r.message().startsWith("readiness"))
                .map(CheckResult::message).findFirst().orElseThrow();
    }

    private ProbeClassifier classifierWith(String yaml) throws Exception {
        return new ProbeClassifier(ProbeRulesLoader.withAdminFile(write(yaml)));
    }

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("admin-probe-rules.yaml"), yaml);
    }

    private static Probe exec(String... command) {
        return new Probe(new Probe.Exec(List.of(command)), 0, 10, 1, 3);
    }

    private static Probe sh(String script) {
        return exec("sh", "-c", script);
    }
}
