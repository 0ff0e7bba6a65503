package io.rdbguard.cli;

import static io.rdbguard.cli.Cli.cli;
import static io.rdbguard.cli.Cli.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.rdbguard.core.engine.CheckResult;
import io.rdbguard.core.engine.Decision;
import io.rdbguard.core.workload.Requester;
import io.rdbguard.data.EngineFactory;
import io.rdbguard.helm.ReleaseDecoder;
import io.rdbguard.helm.ReleasePreflight;
import io.rdbguard.kube.LiveStates;
import io.rdbguard.kube.OnLookupFailure;
import io.rdbguard.testing.FakeApi;
import io.rdbguard.testing.Fixtures;
import io.rdbguard.testing.Reviews;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit} on Helm release records: the pending record Helm writes before an upgrade, judged by the webhook's own
 * pre-flight with the deployed record's workloads as the live objects. Redis 7.2.5 (revision 1, deployed) → 7.4.0
 * (revision 2, pending-upgrade) is a one-way format change.
 */
class AuditReleasesTest {

    static final String DEPLOYED = "helm-release/mastodon-redis-19.v1-deployed.secret.yaml";
    static final String PENDING = "helm-release/mastodon-redis-19.v2.secret.yaml";
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    /** "StatefulSet mastodon/mastodon-redis-master UPDATE deny rdb-one-way", one per workload. */
    static List<String> verdicts(JsonNode json) {
        List<String> verdicts = new ArrayList<>();
        for (JsonNode w : json.get("workloads")) {
            List<String> denied = StreamSupport.stream(w.get("results").spliterator(), false)
                    .filter(r -> r.get("verdict").asText().equals("deny")).map(r -> r.get("checkId").asText()).distinct().toList();
            verdicts.add(String.join(" ", w.get("name").asText(), w.get("operation").asText(), w.get("severity").asText())
                    + (denied.isEmpty() ? "" : " " + String.join(" ", denied)));
        }
        return verdicts;
    }

    static final List<String> ONE_WAY = List.of("mastodon-redis-master UPDATE deny rdb-one-way",
            "mastodon-redis-replicas UPDATE deny rdb-one-way");

    @Test
    void the_pending_record_from_the_deployed_one_is_denied_for_the_one_way_format_change() {
        Cli.Run run = cli().audit("--from", fixture(DEPLOYED), "--to", fixture(PENDING), "-o", "json");

        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(ONE_WAY, verdicts(run.json()), run::toString);
        JsonNode release = run.json().get("releases").get(0);
        assertEquals("mastodon", release.get("name").asText());
        assertFalse(release.get("allowed").asBoolean());
        assertTrue(release.get("denialMessage").asText().startsWith("rdb-guard denied Helm release mastodon (chart"
                + " redis-19.6.4, revision 2) before Helm changed anything: 2 workloads violate the policy"), run::toString);
    }

    @Test
    void the_deployed_and_the_pending_record_in_one_input_are_judged_as_the_same_pair() {
        Cli.Run run = cli().audit(fixture(PENDING), fixture(DEPLOYED), "-o", "json");

        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(ONE_WAY, verdicts(run.json()), run::toString);
        assertTrue(run.json().get("releases").get(0).get("notes").get(0).asText()
                .startsWith("live objects: the workloads of release mastodon (chart redis-19.6.4, revision 1, deployed)"), run::toString);
    }

    @Test
    void the_table_says_which_release_would_be_denied_and_why_with_exit_1() {
        Cli.Run run = cli().audit("--from", fixture(DEPLOYED), "--to", fixture(PENDING));

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.out().contains("deny   Helm release mastodon (chart redis-19.6.4, revision 2)  PREFLIGHT  "), run::toString);
        assertTrue(run.out().contains("deny   StatefulSet mastodon/mastodon-redis-master  UPDATE  "), run::toString);
        assertTrue(run.out().contains("  deny   rdb-one-way  container redis: REDIS0011 → REDIS0012 is one-way"), run::toString);
        assertTrue(run.out().contains("2 workloads audited: 2 would be denied, 0 with warnings, 0 audit-only, 0 clean;"
                + " 1 Helm release judged whole: 1 would be denied; 0 bad inputs. Exit 1"), run::toString);
    }

    /** The webhook's pre-flight for the same pending record, with the deployed release's StatefulSets live. */
    @Test
    void the_audit_finds_exactly_what_the_webhooks_preflight_finds_for_the_same_records() throws Exception {
        Map<String, StatefulSet> live = Map.of(
                "mastodon-redis-master", Fixtures.statefulSet("bitnami-redis/redis-19.6.4-replication.yaml", "mastodon-redis-master"),
                "mastodon-redis-replicas", Fixtures.statefulSet("bitnami-redis/redis-19.6.4-replication.yaml", "mastodon-redis-replicas"));
        ReleasePreflight webhook = new ReleasePreflight(new ReleaseDecoder(32 << 20),
                new LiveStates(FakeApi.of((type, namespace, name) -> Optional.ofNullable(live.get(name))), Runnable::run,
                        Duration.ofSeconds(2), OnLookupFailure.ALLOW, true),
                EngineFactory.build(EngineFactory.Sources.BUILT_IN, Clock.fixed(Cli.NOW, ZoneOffset.UTC)));
        Decision expected = webhook.review((Secret) Fixtures.objects(PENDING).get(0), "uid", Requester.UNKNOWN, true);

        Cli.Run run = cli().audit("--from", fixture(DEPLOYED), "--to", fixture(PENDING), "-o", "json");

        List<String> webhookFindings = new ArrayList<>();
        for (Decision part : expected.parts()) {
            for (CheckResult r : part.results()) {
                webhookFindings.add(part.subject().displayName() + " " + r.checkId() + " " + r.status().label() + " "
                        + r.container() + " " + r.message() + " " + r.fix());
            }
        }
        List<String> auditFindings = new ArrayList<>();
        for (JsonNode w : run.json().get("workloads")) {
            for (JsonNode r : w.get("results")) {
                auditFindings.add(w.get("kind").asText() + " " + w.get("namespace").asText() + "/" + w.get("name").asText()
                        + " " + r.get("checkId").asText() + " " + r.get("status").asText() + " " + r.get("container").asText(null)
                        + " " + r.get("message").asText() + " " + r.get("fix").asText());
            }
        }
        assertFalse(webhookFindings.isEmpty());
        assertEquals(webhookFindings, auditFindings, run::toString);
        assertEquals(expected.denialMessage(), run.json().get("releases").get(0).get("denialMessage").asText());
    }

    @Test
    void a_list_of_release_secrets_as_kubectl_get_gives_it_is_read_in_yaml_and_json() throws IOException {
        ObjectNode list = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "List");
        list.putArray("items").add(YAML.readTree(Files.readString(Path.of(fixture(DEPLOYED)))))
                .add(YAML.readTree(Files.readString(Path.of(fixture(PENDING)))));

        for (String text : List.of(YAML.writeValueAsString(list), JSON.writeValueAsString(list))) {
            Cli.Run run = cli().stdin(text).audit("-", "-o", "json");

            assertEquals(1, run.exitCode(), run::toString);
            assertEquals(ONE_WAY, verdicts(run.json()), run::toString);
        }
    }

    @Test
    void a_release_record_of_the_configmap_driver_is_read_like_a_secret(@TempDir Path dir) throws IOException {
        Path deployed = dir.resolve("v1.yaml");
        Path pending = dir.resolve("v2.yaml");
        Files.writeString(deployed, configMapRecord("mastodon-redis-19.v1-deployed.release.json", "deployed", 1));
        Files.writeString(pending, configMapRecord("mastodon-redis-19.v2.release.json", "pending-upgrade", 2));

        Cli.Run run = cli().audit("--from", deployed.toString(), "--to", pending.toString(), "-o", "json");

        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(ONE_WAY, verdicts(run.json()), run::toString);
    }

    @Test
    void an_admission_review_carrying_the_pending_record_is_judged_as_the_webhook_would() throws IOException {
        HasMetadata record = Fixtures.objects(PENDING).get(0);
        String review = Reviews.create(record).kind("", "v1", "Secret", "secrets").uid("3f0c").json();

        Cli.Run run = cli().stdin(review).audit("-", fixture(DEPLOYED), "-o", "json");

        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(ONE_WAY, verdicts(run.json()), run::toString);
        assertEquals("AdmissionReview 3f0c, judged as the webhook would",
                run.json().get("releases").get(0).get("notes").get(0).asText(), run::toString);
    }

    @Test
    void a_pending_upgrade_alone_warns_that_without_the_deployed_record_a_format_change_cannot_be_seen() {
        Cli.Run run = cli().audit(fixture(PENDING), "-o", "json", "--fail-on", "warn");

        assertEquals(1, run.exitCode(), run::toString);
        JsonNode release = run.json().get("releases").get(0);
        JsonNode warning = release.get("results").get(0);
        assertEquals("helm-release", warning.get("checkId").asText());
        assertTrue(warning.get("message").asText().startsWith("no deployed revision of this release was given"), run::toString);
        assertTrue(warning.get("fix").asText().contains("-l owner=helm,name=RELEASE"), run::toString);
    }

    @Test
    void a_deployed_record_alone_has_the_workloads_of_its_manifest_judged_as_they_run() {
        Cli.Run run = cli().audit(fixture(DEPLOYED), "-o", "json");

        assertEquals(List.of("mastodon-redis-master CREATE warn", "mastodon-redis-replicas CREATE warn"),
                verdicts(run.json()), run::toString);
        assertTrue(run.json().get("workloads").get(0).get("notes").get(0).asText()
                .startsWith("from the manifest of release mastodon (chart redis-19.6.4, revision 1, deployed)"), run::toString);
    }

    @Test
    void a_pending_record_given_as_from_is_bad_input_that_says_what_to_give_instead() {
        Cli.Run run = cli().audit("--from", fixture(PENDING), "--to", fixture(DEPLOYED));

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.out().contains("--from is what runs now: give the deployed record (kubectl get secret -n mastodon"
                + " -l owner=helm,name=mastodon,status=deployed -o yaml)"), run::toString);
    }

    /**
     * Revision 1 (Redis 7.2.5, superseded), 2 (7.4.0, superseded) and 3 (7.4.0, deployed): rolling back to 2 keeps the
     * format; rolling back to 1 puts an image that cannot read REDIS0012 on data 7.4 wrote.
     */
    @Test
    void rollback_judges_each_earlier_revision_against_the_deployed_one_and_finds_the_one_that_cannot_read_the_data(
            @TempDir Path dir) throws IOException {
        Path records = dir.resolve("releases.yaml");
        Files.writeString(records, secretRecord("mastodon-redis-19.v1-deployed.release.json", "superseded", 1)
                + secretRecord("mastodon-redis-19.v2.release.json", "superseded", 2)
                + secretRecord("mastodon-redis-19.v2.release.json", "deployed", 3));

        Cli.Run run = cli().audit("--rollback", records.toString(), "-o", "json");

        assertEquals(1, run.exitCode(), run::toString);
        List<String> workloads = verdicts(run.json());
        List<String> verdicts = new ArrayList<>();
        for (int i = 0; i < workloads.size(); i++) {
            verdicts.add(run.json().get("workloads").get(i).get("notes").get(0).asText() + ": " + workloads.get(i));
        }
        assertEquals(List.of(
                "helm rollback mastodon 2 (from revision 3): mastodon-redis-master UPDATE warn",
                "helm rollback mastodon 2 (from revision 3): mastodon-redis-replicas UPDATE warn",
                "helm rollback mastodon 1 (from revision 3): mastodon-redis-master UPDATE deny rdb-unreadable",
                "helm rollback mastodon 1 (from revision 3): mastodon-redis-replicas UPDATE deny rdb-unreadable"), verdicts, run::toString);
    }

    @Test
    void rollback_without_a_deployed_record_says_what_to_include() {
        Cli.Run run = cli().audit("--rollback", fixture(PENDING), "-o", "json");

        assertEquals(0, run.json().get("workloads").size(), run::toString);
        assertTrue(run.json().get("notes").get(0).asText().startsWith("release mastodon/mastodon: no deployed record in the input"), run::toString);
    }

    /** The record Helm's secrets driver writes for a release JSON, with its status and revision set. */
    private static String secretRecord(String releaseJson, String status, int version) throws IOException {
        ObjectNode release = (ObjectNode) JSON.readTree(Files.readString(Path.of(fixture("helm-release/" + releaseJson))));
        release.put("version", version);
        ((ObjectNode) release.get("info")).put("status", status);
        byte[] packed = gzip(JSON.writeValueAsBytes(release));
        Base64.Encoder base64 = Base64.getEncoder();
        return YAML.writeValueAsString(new SecretBuilder().withNewMetadata()
                .withName("sh.helm.release.v1.mastodon.v" + version).withNamespace("mastodon")
                .withLabels(Map.of("owner", "helm", "name", "mastodon", "status", status, "version", String.valueOf(version)))
                .endMetadata().withType("helm.sh/release.v1")
                .withData(Map.of("release", base64.encodeToString(base64.encode(packed)))).build());
    }

    /** The record Helm's configmap driver writes: base64(gzip(json)) as the ConfigMap's data.release. */
    private static String configMapRecord(String releaseJson, String status, int version) throws IOException {
        byte[] packed = gzip(Files.readAllBytes(Path.of(fixture("helm-release/" + releaseJson))));
        return YAML.writeValueAsString(new ConfigMapBuilder().withNewMetadata()
                .withName("sh.helm.release.v1.mastodon.v" + version).withNamespace("mastodon")
                .withLabels(Map.of("owner", "helm", "name", "mastodon", "status", status, "version", String.valueOf(version)))
                .endMetadata().withData(Map.of("release", Base64.getEncoder().encodeToString(packed))).build());
    }

    private static byte[] gzip(byte[] json) throws IOException {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(packed)) {
            gzip.write(json);
        }
        return packed.toByteArray();
    }
}
