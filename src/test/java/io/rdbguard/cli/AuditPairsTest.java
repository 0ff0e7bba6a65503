package io.rdbguard.cli;

import static io.rdbguard.cli.Cli.cli;
import static io.rdbguard.cli.Cli.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.rdbguard.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code audit --from OLD --to NEW}: the upgrade as UPDATEs, so the format guard works before helm upgrade. */
class AuditPairsTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @ParameterizedTest(name = "{0} → {1}: exit {2}")
    @CsvSource(delimiter = '|', textBlock = """
            bitnami-redis/redis-18.19.4-replication.yaml | bitnami-redis/redis-20.13.4-replication.yaml | 1 | mastodon-redis-master UPDATE deny rdb-one-way; mastodon-redis-replicas UPDATE deny rdb-one-way
            bitnami-redis/redis-19.6.4-replication.yaml  | bitnami-redis/redis-19.6.4-replication.yaml  | 0 | mastodon-redis-master UPDATE warn; mastodon-redis-replicas UPDATE warn
            bitnami-redis/redis-17.17.1-replication.yaml | bitnami-redis/redis-18.19.4-replication.yaml | 1 | mastodon-redis-master UPDATE deny rdb-one-way; mastodon-redis-replicas UPDATE deny rdb-one-way
            bitnami-redis/redis-20.13.4-replication.yaml | bitnami-redis/redis-17.17.1-replication.yaml | 1 | mastodon-redis-master UPDATE deny rdb-unreadable; mastodon-redis-replicas UPDATE deny rdb-unreadable
            bitnami-redis/redis-19.6.4-replication.yaml  | bitnami-redis/redis-19.6.4-standalone.yaml   | 0 | mastodon-redis-master UPDATE warn
            bitnami-redis/redis-19.6.4-standalone.yaml   | bitnami-redis/redis-19.6.4-replication.yaml  | 0 | mastodon-redis-master UPDATE warn; mastodon-redis-replicas CREATE warn
            """)
    void each_workload_of_the_new_render_is_judged_against_its_old_self(String from, String to, int exitCode, String expected) {
        Cli.Run run = cli().audit("--from", fixture(from), "--to", fixture(to), "-o", "json");

        assertEquals(exitCode, run.exitCode(), run::toString);
        List<String> verdicts = new ArrayList<>();
        for (JsonNode w : run.json().get("workloads")) {
            List<String> denied = StreamSupport.stream(w.get("results").spliterator(), false)
                    .filter(r -> r.get("verdict").asText().equals("deny")).map(r -> r.get("checkId").asText()).distinct().toList();
            verdicts.add(String.join(" ", w.get("name").asText(), w.get("operation").asText(), w.get("severity").asText())
                    + (denied.isEmpty() ? "" : " " + String.join(" ", denied)));
        }
        assertEquals(Arrays.asList(expected.split("; ")), verdicts, run::toString);
    }

    @Test
    void an_update_names_both_sources_and_the_denial_is_the_webhooks_message() {
        Cli.Run run = cli().audit("--from", fixture("bitnami-redis/redis-18.19.4-replication.yaml"),
                "--to", fixture("bitnami-redis/redis-20.13.4-replication.yaml"));

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.out().contains("deny   StatefulSet mastodon/mastodon-redis-master  UPDATE  "), run::toString);
        assertTrue(run.out().contains("redis-20.13.4-replication.yaml:423 (document 13) ← "), run::toString);
        assertTrue(run.out().contains("redis-18.19.4-replication.yaml:374 (document 11)"), run::toString);
        assertTrue(run.out().contains("  deny   rdb-one-way  container redis: REDIS0011 → REDIS0012 is one-way"), run::toString);
        assertTrue(run.out().contains("2 workloads audited: 2 would be denied"), run::toString);
    }

    @Test
    void a_workload_only_in_the_old_render_is_reported_as_deleted_and_one_only_in_the_new_as_created() {
        Cli.Run run = cli().audit("--from", fixture("bitnami-valkey/valkey-1.0.3-replication.yaml"),
                "--to", fixture("bitnami-valkey/valkey-3.0.31-replication.yaml"), "-o", "json");

        JsonNode json = run.json();
        assertEquals(List.of("mastodon-valkey-primary CREATE", "mastodon-valkey-replicas UPDATE"),
                StreamSupport.stream(json.get("workloads").spliterator(), false)
                        .map(w -> w.get("name").asText() + " " + w.get("operation").asText()).toList(), run::toString);
        assertTrue(json.get("workloads").get(0).get("notes").get(0).asText().startsWith("only in --to"), run::toString);
        assertTrue(json.get("notes").get(0).asText().startsWith(
                "StatefulSet mastodon/mastodon-valkey-master is only in --from"), run::toString);
    }

    @ParameterizedTest(name = "backup taken at 18:00, audited at {0}: exit {1}")
    @CsvSource({
            "2026-11-25T20:00:00Z, 0",
            "2026-11-26T17:59:00Z, 0",
            "2026-11-26T18:01:00Z, 1",
            "2026-11-25T17:00:00+00:00, 1"})
    void a_recorded_backup_lets_the_one_way_upgrade_through_while_it_is_fresh_at_the_pinned_clock(
            String now, int exitCode, @TempDir Path dir) throws IOException {
        Path upgraded = dir.resolve("new.yaml");
        Files.writeString(upgraded, withBackup(Fixtures.objects("bitnami-redis/redis-20.13.4-replication.yaml"),
                "2026-11-25T18:00:00Z"));

        Cli.Run run = cli().audit("--from", fixture("bitnami-redis/redis-18.19.4-replication.yaml"),
                "--to", upgraded.toString(), "--now", now);

        assertEquals(exitCode, run.exitCode(), run::toString);
    }

    private static String withBackup(List<HasMetadata> objects, String takenAt) throws IOException {
        StringBuilder yaml = new StringBuilder();
        for (HasMetadata object : objects) {
            if (object instanceof StatefulSet) {
                object.getMetadata().getAnnotations().put("rdb-guard.io/backup", "s3://backups/mastodon-redis/dump.rdb");
                object.getMetadata().getAnnotations().put("rdb-guard.io/backup-taken-at", takenAt);
            }
            yaml.append(YAML.writeValueAsString(object));
        }
        return yaml.toString();
    }
}
