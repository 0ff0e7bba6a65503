package io.rdbguard.cli;

import static io.rdbguard.cli.Cli.cli;
import static io.rdbguard.cli.Cli.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.rdbguard.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input never crashes the audit: each bad document is named with its file, number and problem; the rest is judged. */
class AuditBadInputTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Stream<Arguments> badDocuments() {
        return Stream.of(
                Arguments.of("broken YAML", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n", "not valid YAML"),
                Arguments.of("a bare string", "just some text\n", "is a string, not a Kubernetes object"),
                Arguments.of("an object without kind", "apiVersion: v1\nmetadata: {name: x}\n", "has no kind"),
                Arguments.of("a values file", "replicaCount: 3\nimage:\n  tag: \"7.2\"\n", "is this a values file rather than a manifest?"),
                Arguments.of("a StatefulSet of the wrong shape",
                        "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: x}\nspec:\n  replicas: three\n",
                        "does not have the shape of a apps/v1 StatefulSet at spec.replicas"),
                Arguments.of("a StatefulSet with a null container",
                        "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: x}\nspec:\n  template:\n    spec:\n      containers: [null]\n",
                        "spec.template.spec.containers[0] is null; remove it"),
                Arguments.of("an AdmissionReview with a null exec command word",
                        "apiVersion: admission.k8s.io/v1\nkind: AdmissionReview\nrequest:\n  uid: a\n  operation: CREATE\n"
                                + "  kind: {group: apps, version: v1, kind: StatefulSet}\n  object:\n    apiVersion: apps/v1\n"
                                + "    kind: StatefulSet\n    metadata: {name: x}\n    spec:\n      template:\n        spec:\n"
                                + "          containers:\n            - name: redis\n              image: redis:7.2.4\n"
                                + "              readinessProbe: {exec: {command: [redis-cli, null]}}\n",
                        "is not an AdmissionReview the webhook would accept: request.object.spec.template.spec.containers[0]"
                                + ".readinessProbe.exec.command[1] is null; remove it"),
                Arguments.of("a v1beta1 AdmissionReview", "apiVersion: admission.k8s.io/v1beta1\nkind: AdmissionReview\nrequest: {uid: a}\n",
                        "is not an AdmissionReview the webhook would accept: apiVersion 'admission.k8s.io/v1beta1' is not supported"),
                Arguments.of("a List whose items are not a list", "apiVersion: v1\nkind: List\nitems: {a: 1}\n", "whose items is not a list"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDocuments")
    void a_bad_document_between_two_good_ones_is_reported_with_its_place_and_the_good_ones_are_still_judged(
            String what, String badDocument, String message, @TempDir Path dir) throws IOException {
        String good = YAML.writeValueAsString(Fixtures.statefulSet("bitnami-redis/redis-19.6.4-standalone.yaml", "mastodon-redis-master"));
        Path file = Files.writeString(dir.resolve("mixed.yaml"), good + "---\n# Source: bad\n" + badDocument + good);

        Cli.Run run = cli().audit(file.toString(), "-o", "json");

        assertEquals(2, run.exitCode(), run::toString);
        JsonNode problem = run.json().get("badInput").get(0);
        assertEquals(file.toString(), problem.get("source").asText());
        assertEquals(2, problem.get("document").asInt(), run::toString);
        assertTrue(problem.get("message").asText().contains(message), run::toString);
        assertEquals(2, run.json().get("workloads").size(), "both good documents are judged");
        assertTrue(run.err().contains("bad input: " + file + ":"), "the CI log names the bad document too:\n" + run.err());
    }

    @Test
    void the_human_table_lists_bad_input_with_file_line_and_document_after_the_verdicts(@TempDir Path dir) throws IOException {
        String good = YAML.writeValueAsString(Fixtures.statefulSet("bitnami-redis/redis-19.6.4-standalone.yaml", "mastodon-redis-master"));
        Path file = Files.writeString(dir.resolve("mixed.yaml"), good + "---\nkind: [unclosed\n");

        Cli.Run run = cli().audit(file.toString());

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.out().contains("StatefulSet mastodon/mastodon-redis-master  CREATE"), run::toString);
        assertTrue(run.out().contains("Bad input (not audited):\n  " + file + ":"), run::toString);
        assertTrue(run.out().contains("(document 2): not valid YAML"), run::toString);
        assertTrue(run.out().contains("1 bad input. Exit 2"), run::toString);
    }

    @Test
    void broken_json_is_reported_and_the_other_files_are_still_audited(@TempDir Path dir) throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"apiVersion\": \"v1\", \"kind\": ");
        Path missing = dir.resolve("missing.yaml");

        Cli.Run run = cli().audit(broken.toString(), missing.toString(), fixture("bitnami-redis/redis-19.6.4-standalone.yaml"),
                "-o", "json");

        assertEquals(2, run.exitCode(), run::toString);
        JsonNode problems = run.json().get("badInput");
        assertTrue(problems.get(0).get("message").asText().startsWith("not valid JSON"), run::toString);
        assertEquals(missing.toString(), problems.get(1).get("source").asText());
        assertEquals("no such file or directory", problems.get(1).get("message").asText());
        assertEquals(1, run.json().get("workloads").size(), run::toString);
    }

    @ParameterizedTest(name = "stdin with \"{0}\"")
    @CsvSource(value = {"''", "'# Source: redis/templates/master.yaml\n---\n'", "'{}'"})
    void an_empty_render_is_bad_input_not_a_clean_audit(String stdin) {
        Cli.Run run = cli().stdin(stdin.replace("\\n", "\n")).audit("-");

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.out().contains("-: has no Kubernetes objects; did the command that rendered it fail?")
                || run.out().contains("-:1 (document 1): has no kind"), run::toString);
    }

    static Stream<Arguments> badArguments() {
        String chart = fixture("bitnami-redis/redis-19.6.4-standalone.yaml");
        return Stream.of(
                Arguments.of(new String[] {}, "say what to audit"),
                Arguments.of(new String[] {"--from", chart}, "--from and --to go together"),
                Arguments.of(new String[] {chart, "--cluster"}, "audit one thing at a time"),
                Arguments.of(new String[] {"--from", "-", "--to", "-"}, "only one of --from and --to can be -"),
                Arguments.of(new String[] {chart, "--context", "prod"}, "--context applies to --cluster only"),
                Arguments.of(new String[] {chart, "--now", "yesterday"}, "'yesterday' is not an RFC 3339 time with a zone"),
                Arguments.of(new String[] {chart, "--now", "2026-11-25T20:00:00"}, "is not an RFC 3339 time with a zone"),
                Arguments.of(new String[] {chart, "-o", "xml"}, "'xml' is not one of table, json, sarif, junit"),
                Arguments.of(new String[] {chart, "--fail-on", "error"}, "'error' is not one of deny, warn, audit, never"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badArguments")
    void a_bad_command_line_exits_2_and_says_what_to_write_instead(String[] args, String message) {
        Cli.Run run = cli().audit(args);

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains(message), run::toString);
    }

    @Test
    void a_bad_policy_file_exits_2_and_names_the_file(@TempDir Path dir) throws IOException {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), "modes:\n  rdb-one-way: sometimes\n");

        Cli.Run run = cli().audit(fixture("bitnami-redis/redis-19.6.4-standalone.yaml"), "--policy", policy.toString());

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("rdb-guard audit: "), run::toString);
        assertTrue(run.err().contains(policy.toString()) && run.err().contains("sometimes"), run::toString);
        assertEquals("", run.out());
    }

    @Test
    void a_duration_that_overflows_exits_2_with_one_line_naming_the_key(@TempDir Path dir) throws IOException {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), "backups: {maxAge: 99999999999999999999d}\n");

        Cli.Run run = cli().audit(fixture("bitnami-redis/redis-19.6.4-standalone.yaml"), "--policy", policy.toString());

        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("rdb-guard audit: " + policy + ", at backups.maxAge: '99999999999999999999d' is longer than 3650d,"
                + " the longest rdb-guard accepts; write a shorter duration, e.g. 30d" + System.lineSeparator(), run.err());
    }
}
