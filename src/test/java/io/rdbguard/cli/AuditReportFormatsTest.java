package io.rdbguard.cli;

import static io.rdbguard.cli.Cli.cli;
import static io.rdbguard.cli.Cli.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.rdbguard.kube.Location;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reports where people look: GitHub annotations on the pull request, PolicyReports in the cluster. */
class AuditReportFormatsTest {

    static final String OLD = fixture("bitnami-redis/redis-18.19.4-replication.yaml");
    static final String NEW = fixture("bitnami-redis/redis-20.13.4-replication.yaml");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void github_output_is_one_error_annotation_per_denial_at_the_image_line_and_a_warning_per_warning() {
        Cli.Run run = cli().audit("--from", OLD, "--to", NEW, "-o", "github");

        assertEquals(1, run.exitCode(), run::toString);
        List<String> lines = run.out().lines().toList();
        String denial = lines.stream().filter(l -> l.startsWith("::error ")).findFirst().orElseThrow();
        assertTrue(denial.startsWith("::error file=" + NEW + ",line=488,col=11,title=rdb-one-way%3A StatefulSet"
                + " mastodon/mastodon-redis-master::container redis: REDIS0011 → REDIS0012 is one-way"), denial);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("::warning file=" + NEW + ",line=")), run::toString);
        assertTrue(lines.get(lines.size() - 1).startsWith("2 workloads audited: 2 would be denied"), run::toString);
    }

    @Test
    void github_workflow_commands_escape_what_the_runner_would_read_as_syntax() {
        String command = GithubReport.command("error", new Location("dir, with: colon.yaml", 1, 7, null, 3), "t: a,b",
                "100% sure\nsecond line\r");

        assertEquals("::error file=dir%2C with%3A colon.yaml,line=7,col=3,title=t%3A a%2Cb::100%25 sure%0Asecond line%0D", command);
    }

    @Test
    void bad_input_is_an_error_annotation_at_its_file() {
        Cli.Run run = cli().stdin("apiVersion: v1\nkind: ConfigMap\nmetadata: [1]\n").audit("-", "-o", "github");

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("::error file=-,line=1,title=bad input::"), run::toString);
    }

    @Test
    void policyreport_output_is_a_wgpolicyk8s_report_per_namespace_with_a_result_per_check_result() throws IOException {
        Cli.Run run = cli().audit("--from", OLD, "--to", NEW, "-o", "policyreport");

        assertEquals(1, run.exitCode(), run::toString);
        List<JsonNode> documents = new ArrayList<>();
        YAML.readerFor(JsonNode.class).readValues(run.out()).forEachRemaining(d -> documents.add((JsonNode) d));
        assertEquals(1, documents.size(), run::toString);
        JsonNode report = documents.get(0);
        assertEquals("wgpolicyk8s.io/v1alpha2", report.get("apiVersion").asText());
        assertEquals("PolicyReport", report.get("kind").asText());
        assertEquals("mastodon", report.at("/metadata/namespace").asText());
        int total = 0;
        for (String result : List.of("pass", "fail", "warn", "error", "skip")) {
            total += report.at("/summary/" + result).asInt();
        }
        assertEquals(report.get("results").size(), total, "the summary counts every result");
        assertTrue(report.at("/summary/fail").asInt() >= 2, report.toPrettyString());
        for (JsonNode result : report.get("results")) {
            assertEquals("rdb-guard", result.get("policy").asText());
            assertTrue(Set.of("pass", "fail", "warn", "error", "skip").contains(result.get("result").asText()), result.toString());
            assertTrue(Set.of("high", "medium", "low").contains(result.get("severity").asText()), result.toString());
            assertEquals(Cli.NOW.getEpochSecond(), result.at("/timestamp/seconds").asLong());
        }
        JsonNode oneWay = findFirst(report.get("results"), "rdb-one-way", "fail");
        assertEquals("high", oneWay.get("severity").asText());
        assertEquals("StatefulSet", oneWay.at("/resources/0/kind").asText());
        assertEquals("mastodon-redis-master", oneWay.at("/resources/0/name").asText());
        assertEquals("apps/v1", oneWay.at("/resources/0/apiVersion").asText());
        assertEquals("redis", oneWay.at("/properties/container").asText());
        assertTrue(oneWay.get("message").asText().startsWith("container redis: REDIS0011 → REDIS0012 is one-way"), oneWay.toString());
    }

    @Test
    void policyreport_puts_input_it_could_not_judge_in_a_cluster_report_as_errors() throws IOException {
        Cli.Run run = cli().stdin("apiVersion: v1\nkind: ConfigMap\nmetadata: [1]\n").audit("-", "-o", "policyreport");

        List<JsonNode> documents = new ArrayList<>();
        YAML.readerFor(JsonNode.class).readValues(run.out()).forEachRemaining(d -> documents.add((JsonNode) d));
        JsonNode cluster = documents.get(documents.size() - 1);
        assertEquals("ClusterPolicyReport", cluster.get("kind").asText(), run::toString);
        assertEquals(1, cluster.at("/summary/error").asInt());
        assertEquals("bad-input", cluster.at("/results/0/rule").asText());
    }

    private static JsonNode findFirst(JsonNode results, String rule, String outcome) {
        for (JsonNode result : results) {
            if (result.get("rule").asText().equals(rule) && result.get("result").asText().equals(outcome)) {
                return result;
            }
        }
        throw new AssertionError("no " + outcome + " of " + rule + " in " + results.toPrettyString());
    }
}
