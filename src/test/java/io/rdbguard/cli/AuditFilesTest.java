package io.rdbguard.cli;

import static io.rdbguard.cli.Cli.cli;
import static io.rdbguard.cli.Cli.fixture;
import static io.rdbguard.cli.Cli.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.rdbguard.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AuditFilesTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> renderedCharts() throws IOException {
        Path root = Path.of(resource("fixtures"));
        try (Stream<Path> files = Files.walk(root)) {
            // Helm release records are judged by the pre-flight: AuditReleasesTest.
            return files.filter(p -> p.toString().endsWith(".yaml") && !p.toString().contains("helm-release")).map(p -> root.relativize(p).toString()).sorted()
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderedCharts")
    void every_statefulset_of_a_rendered_bitnami_chart_is_judged_as_a_create_and_none_is_denied(String chart) {
        List<String> expected = statefulSetNames(chart);

        Cli.Run run = cli().audit(fixture(chart), "--output", "json");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode workloads = run.json().get("workloads");
        assertEquals(expected, names(workloads), run::toString);
        workloads.forEach(w -> {
            assertEquals("CREATE", w.get("operation").asText());
            assertTrue(w.get("allowed").asBoolean(), run::toString);
        });
        assertEquals(0, run.json().get("badInput").size(), run::toString);
    }

    @Test
    void a_directory_is_read_recursively_and_every_chart_in_it_is_audited() {
        Cli.Run run = cli().audit(resource("fixtures/bitnami-valkey"), "-o", "json");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(List.of("mastodon-valkey-master", "mastodon-valkey-replicas", "mastodon-valkey-primary", "mastodon-valkey-replicas"),
                names(run.json().get("workloads")));
    }

    @Test
    void a_dash_reads_the_manifests_from_stdin() throws IOException {
        String manifest = Files.readString(Path.of(fixture("bitnami-redis/redis-19.6.4-standalone.yaml")));

        Cli.Run run = cli().stdin(manifest).audit("-", "-o", "json");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode workload = run.json().get("workloads").get(0);
        assertEquals("mastodon-redis-master", workload.get("name").asText());
        assertEquals("-", workload.get("location").get("source").asText());
    }

    @Test
    void kubectl_get_output_as_a_yaml_list_and_as_json_is_expanded_item_by_item(@TempDir Path dir) throws IOException {
        List<HasMetadata> objects = Fixtures.objects("bitnami-redis/redis-19.6.4-replication.yaml");
        var list = new KubernetesListBuilder().withItems(objects).build();
        Path yaml = Files.writeString(dir.resolve("list.yaml"), YAML.writeValueAsString(list));
        Path json = Files.writeString(dir.resolve("list.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(list));

        for (Path file : List.of(yaml, json)) {
            Cli.Run run = cli().audit(file.toString(), "-o", "json");

            assertEquals(0, run.exitCode(), run::toString);
            JsonNode workloads = run.json().get("workloads");
            assertEquals(List.of("mastodon-redis-master", "mastodon-redis-replicas"), names(workloads));
            assertTrue(workloads.get(0).get("location").get("item").asText().startsWith("items["), run::toString);
        }
    }

    @Test
    void the_human_table_names_each_workload_with_its_verdict_source_and_findings() {
        Cli.Run run = cli().audit(fixture("bitnami-redis/redis-18.19.4-replication.yaml"));

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("warn   StatefulSet mastodon/mastodon-redis-master  CREATE  "), run::toString);
        assertTrue(run.out().contains("redis-18.19.4-replication.yaml:374 (document 11)"), run::toString);
        assertTrue(run.out().contains("  warn   probe-depth  container redis: liveness"), run::toString);
        assertTrue(run.out().contains("2 workloads audited: 0 would be denied, 2 with warnings"), run::toString);
        assertTrue(run.out().contains("Exit 0 (--fail-on deny)."), run::toString);
        assertTrue(!run.out().contains("\u001b["), "no colour when stdout is not a terminal");
    }

    static List<String> statefulSetNames(String chart) {
        return Fixtures.objects(chart).stream().filter(StatefulSet.class::isInstance)
                .map(o -> o.getMetadata().getName()).toList();
    }

    static List<String> names(JsonNode workloads) {
        return StreamSupport.stream(workloads.spliterator(), false).map(w -> w.get("name").asText()).toList();
    }
}
