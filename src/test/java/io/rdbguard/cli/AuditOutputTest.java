package io.rdbguard.cli;

import static io.rdbguard.cli.Cli.cli;
import static io.rdbguard.cli.Cli.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rdbguard.core.registry.CheckRegistry;
import io.rdbguard.data.BuildInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The machine formats CI reads, and how --fail-on sets the exit code. */
class AuditOutputTest {

    static final String OLD = fixture("bitnami-redis/redis-18.19.4-replication.yaml");
    static final String NEW = fixture("bitnami-redis/redis-20.13.4-replication.yaml");

    @Test
    void sarif_has_a_rule_per_check_and_a_result_per_finding_located_at_the_offending_field() throws IOException {
        Cli.Run run = cli().audit("--from", OLD, "--to", NEW, "-o", "sarif");

        assertEquals(1, run.exitCode(), run::toString);
        JsonNode sarif = run.json();
        assertEquals("2.1.0", sarif.get("version").asText());
        JsonNode runNode = sarif.get("runs").get(0);
        List<String> rules = StreamSupport.stream(runNode.at("/tool/driver/rules").spliterator(), false)
                .map(r -> r.get("id").asText()).toList();
        List<String> checks = new ArrayList<>(CheckRegistry.ids());
        checks.add("bad-input");
        assertEquals(checks, rules, "a rule per check, in report order, and bad input");
        JsonNode probeRule = runNode.at("/tool/driver/rules/" + rules.indexOf("probe-depth"));
        assertEquals(CheckRegistry.descriptor("probe-depth").title(), probeRule.at("/shortDescription/text").asText());
        assertEquals(CheckRegistry.descriptor("probe-depth").remediation(), probeRule.at("/help/text").asText());
        assertEquals("error", probeRule.at("/defaultConfiguration/level").asText());
        JsonNode oneWay = StreamSupport.stream(runNode.get("results").spliterator(), false)
                .filter(r -> r.get("ruleId").asText().equals("rdb-one-way")).findFirst().orElseThrow();
        assertEquals("error", oneWay.get("level").asText());
        assertEquals(rules.indexOf("rdb-one-way"), oneWay.get("ruleIndex").asInt());
        assertEquals(NEW, oneWay.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
        // The master StatefulSet starts at line 423; its container redis names its image at line 488, column 11.
        List<String> lines = Files.readAllLines(Path.of(NEW));
        assertEquals("image: docker.io/bitnami/redis:7.4.3-debian-12-r0", lines.get(488 - 1).substring(11 - 1));
        assertEquals(488, oneWay.at("/locations/0/physicalLocation/region/startLine").asInt());
        assertEquals(11, oneWay.at("/locations/0/physicalLocation/region/startColumn").asInt());
        assertEquals(BuildInfo.version(), runNode.at("/tool/driver/version").asText());
        assertTrue(BuildInfo.version().matches("\\d+\\.\\d+\\.\\d+.*"), BuildInfo.version());
        assertTrue(probeRule.at("/help/markdown").asText().contains("**To resolve:** "
                + CheckRegistry.descriptor("probe-depth").remediation()), probeRule.toString());
        assertTrue(oneWay.at("/message/text").asText().startsWith(
                "StatefulSet mastodon/mastodon-redis-master: container redis: REDIS0011 → REDIS0012 is one-way"), run::toString);
        assertEquals("warning", StreamSupport.stream(runNode.get("results").spliterator(), false)
                .filter(r -> r.get("ruleId").asText().equals("probe-depth")).findFirst().orElseThrow().get("level").asText());
        assertTrue(run.err().contains("2 workloads audited: 2 would be denied"), "the CI log gets the summary: " + run.err());
    }

    @Test
    void junit_has_a_suite_per_workload_and_a_failing_case_for_each_denying_check() throws Exception {
        Cli.Run run = cli().audit("--from", OLD, "--to", NEW, "-o", "junit");

        assertEquals(1, run.exitCode(), run::toString);
        var xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
        NodeList suites = xml.getElementsByTagName("testsuite");
        assertEquals(2, suites.getLength());
        Element master = (Element) suites.item(0);
        assertEquals("StatefulSet mastodon/mastodon-redis-master", master.getAttribute("name"));
        assertEquals("4", master.getAttribute("tests"));
        assertEquals("1", master.getAttribute("failures"));
        List<String> cases = new ArrayList<>();
        NodeList testcases = master.getElementsByTagName("testcase");
        for (int i = 0; i < testcases.getLength(); i++) {
            Element testcase = (Element) testcases.item(i);
            cases.add(testcase.getAttribute("name") + (testcase.getElementsByTagName("failure").getLength() > 0 ? " failed" : ""));
        }
        assertEquals(List.of("rdb-unreadable", "rdb-one-way failed", "image-unpinned", "probe-depth"), cases);
        Element failure = (Element) master.getElementsByTagName("failure").item(0);
        assertEquals("deny", failure.getAttribute("type"));
        assertTrue(failure.getTextContent().startsWith("deny: container redis: REDIS0011 → REDIS0012"), failure.getTextContent());
    }

    @ParameterizedTest(name = "--fail-on {1} on {0}: exit {2}")
    @CsvSource({
            "denied upgrade,   deny,  1",
            "denied upgrade,   warn,  1",
            "denied upgrade,   never, 0",
            "probe warnings,   deny,  0",
            "probe warnings,   warn,  1",
            "probe warnings,   audit, 1",
            "probe warnings,   never, 0"})
    void fail_on_names_the_weakest_result_that_fails_the_audit(String input, String failOn, int exitCode) {
        Cli.Run run = input.equals("denied upgrade")
                ? cli().audit("--from", OLD, "--to", NEW, "--fail-on", failOn)
                : cli().audit(OLD, "--fail-on", failOn);

        assertEquals(exitCode, run.exitCode(), run::toString);
    }

    @Test
    void an_audit_mode_policy_turns_denials_into_audit_results_that_fail_only_from_fail_on_audit(@TempDir Path dir)
            throws IOException {
        Path policy = Files.writeString(dir.resolve("policy.yaml"),
                "modes:\n  rdb-one-way: audit\n  probe-depth: \"off\"\n  image-unpinned: \"off\"\n");

        Cli.Run deny = cli().audit("--from", OLD, "--to", NEW, "--policy", policy.toString());
        Cli.Run audit = cli().audit("--from", OLD, "--to", NEW, "--policy", policy.toString(), "--fail-on", "audit");

        assertEquals(0, deny.exitCode(), deny::toString);
        assertTrue(deny.out().contains("  audit  rdb-one-way  container redis: REDIS0011 → REDIS0012"), deny::toString);
        assertEquals(1, audit.exitCode(), audit::toString);
    }
}
