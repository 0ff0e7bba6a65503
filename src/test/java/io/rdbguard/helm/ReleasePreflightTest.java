package io.rdbguard.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.rdbguard.core.workload.Requester;
import io.rdbguard.core.engine.Decision;
import io.rdbguard.data.EngineFactory;
import io.rdbguard.kube.LiveObjects;
import io.rdbguard.kube.LiveStates;
import io.rdbguard.kube.OnLookupFailure;
import io.rdbguard.kube.ManifestReader;
import io.rdbguard.testing.FakeApi;
import io.rdbguard.testing.Fixtures;
import io.rdbguard.testing.ReleaseRecords;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A whole Helm release judged from its pending record, against live objects from a fake API. */
class ReleasePreflightTest {

    static final String CHART = "bitnami-redis/redis-19.6.4-replication.yaml";
    static final Requester HELM_USER = new Requester("alice@example.com", List.of("system:authenticated"));

    static Secret record(String fixture) {
        return (Secret) Fixtures.objects("helm-release/" + fixture).get(0);
    }

    /** The StatefulSets of the v1 release as they run now: Redis 7.2.5. */
    static Map<String, StatefulSet> liveV1() {
        return Map.of("mastodon-redis-master", Fixtures.statefulSet(CHART, "mastodon-redis-master"),
                "mastodon-redis-replicas", Fixtures.statefulSet(CHART, "mastodon-redis-replicas"));
    }

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ExecutorService LOOKUPS = Executors.newCachedThreadPool();

    static ReleasePreflight preflight(FakeApi live, OnLookupFailure onFailure) throws Exception {
        return new ReleasePreflight(new ReleaseDecoder(32 << 20), new LiveStates(FakeApi.of(live), LOOKUPS,
                Duration.ofSeconds(2), onFailure, true), EngineFactory.build(EngineFactory.Sources.BUILT_IN, Clock.systemUTC()));
    }

    static FakeApi cluster(Map<String, StatefulSet> objects) {
        return (type, namespace, name) -> Optional.ofNullable(objects.get(name));
    }

    static Decision review(String fixture, FakeApi live) throws Exception {
        return preflight(live, OnLookupFailure.ALLOW).review(record(fixture), "uid-1", HELM_USER, false);
    }

    @Test
    void a_pending_upgrade_that_raises_the_snapshot_format_is_denied_naming_the_release_and_every_object() throws Exception {
        Decision verdict = review("mastodon-redis-19.v2.secret.yaml", cluster(liveV1()));

        assertFalse(verdict.allowed());
        String message = verdict.denialMessage();
        assertTrue(message.startsWith("rdb-guard denied Helm release mastodon (chart redis-19.6.4, revision 2) before Helm"
                + " changed anything: 2 workloads violate the policy"), message);
        assertTrue(message.contains("== StatefulSet mastodon/mastodon-redis-master\n- [rdb-one-way] container redis: REDIS0011 → REDIS0012 is one-way"), message);
        assertTrue(message.contains("== StatefulSet mastodon/mastodon-redis-replicas\n- [rdb-one-way]"), message);
        assertTrue(message.contains("--set-string 'commonAnnotations.rdb-guard\\.io/backup=...'"), message);
    }

    @Test
    void the_same_upgrade_is_allowed_once_the_live_objects_carry_a_fresh_backup_annotation() throws Exception {
        Map<String, StatefulSet> live = liveV1();
        live.values().forEach(sts -> sts.getMetadata().getAnnotations().putAll(Map.of(
                "rdb-guard.io/backup", "s3://backups/mastodon/dump-2026-11-25.rdb",
                "rdb-guard.io/backup-taken-at", Instant.now().minusSeconds(600).toString())));

        Decision verdict = review("mastodon-redis-19.v2.secret.yaml", cluster(live));

        assertTrue(verdict.allowed(), verdict.denialMessage());
        assertTrue(verdict.warnings().stream().anyMatch(w -> w.contains("[rdb-one-way]") && w.contains("allowed by a backup")),
                verdict.warnings().toString());
    }

    @Test
    void a_deployed_record_passes_without_judging_anything() throws Exception {
        FakeApi unreachable = (type, namespace, name) -> {
            throw new AssertionError("a deployed record must not be judged");
        };

        assertTrue(review("mastodon-redis-19.v1-deployed.secret.yaml", unreachable).allowed());
    }

    @Test
    void a_pending_install_with_nothing_live_is_judged_as_new_workloads() throws Exception {
        Decision verdict = review("mastodon-redis-19.v1.secret.yaml", cluster(Map.of()));

        assertTrue(verdict.allowed(), verdict.denialMessage());
    }

    @Test
    void a_corrupt_record_is_denied_with_what_failed() throws Exception {
        Secret corrupt = record("mastodon-redis-19.v2.secret.yaml");
        corrupt.getData().put("release", "not base64!");

        Decision verdict = preflight(cluster(liveV1()), OnLookupFailure.ALLOW)
                .review(corrupt, "uid-1", HELM_USER, false);

        assertFalse(verdict.allowed());
        assertEquals("""
                rdb-guard denied Helm release mastodon (chart unknown, revision 2) before Helm changed anything: 1 problem with the release
                - [helm-release] cannot read the release record Secret mastodon/sh.helm.release.v1.mastodon.v2: data.release is not\
                 base64 (the Secret's encoding) Fix: let Helm write the record again (it writes them this way), or check what else\
                 writes Secrets labelled owner=helm""", verdict.denialMessage());
    }

    @Test
    void when_the_api_cannot_be_read_the_configured_direction_applies() throws Exception {
        FakeApi down = (type, namespace, name) -> {
            throw new LiveObjects.LookupException("cannot read StatefulSet " + namespace + "/" + name + " from the Kubernetes API (HTTP 503)");
        };

        Decision allowed = preflight(down, OnLookupFailure.ALLOW)
                .review(record("mastodon-redis-19.v2.secret.yaml"), "uid-1", HELM_USER, false);
        Decision denied = preflight(down, OnLookupFailure.DENY)
                .review(record("mastodon-redis-19.v2.secret.yaml"), "uid-1", HELM_USER, false);

        assertTrue(allowed.allowed());
        assertTrue(allowed.warnings().get(0).startsWith("[helm-release] StatefulSet mastodon/mastodon-redis-master judged"
                + " as new: cannot read StatefulSet"), allowed.warnings().toString());
        assertFalse(denied.allowed());
        assertTrue(denied.denialMessage().contains("(HTTP 503) Fix: retry when the API is reachable"), denied.denialMessage());
    }

    @Test
    void only_helm_release_records_are_recognised() {
        Secret record = record("mastodon-redis-19.v2.secret.yaml");
        Secret plain = Fixtures.objects(CHART).stream().filter(o -> o instanceof Secret).map(Secret.class::cast).findFirst().orElseThrow();

        assertTrue(ReleasePreflight.isReleaseRecord(record));
        assertFalse(ReleasePreflight.isReleaseRecord(plain));
        HasMetadata unlabelled = record("mastodon-redis-19.v2.secret.yaml");
        unlabelled.getMetadata().getLabels().remove("owner");
        assertFalse(ReleasePreflight.isReleaseRecord(unlabelled));
    }

    // --- bounded, and no oracle on other namespaces ---

    @Test
    void workloads_outside_the_records_namespace_are_neither_read_nor_revealed() throws Exception {
        String manifest = ReleaseRecords.statefulSet("payments", "ledger-redis", "redis:7.2.4");
        Secret record = ReleaseRecords.pendingUpgrade("probe", "team-a", "payments", manifest);
        FakeApi refusing = (type, namespace, name) -> {
            throw new AssertionError("read " + namespace + "/" + name + ", outside the record's namespace team-a");
        };

        Decision decision = preflight(refusing, OnLookupFailure.DENY).review(record, "uid-1", HELM_USER, false);

        assertTrue(decision.allowed(), decision::denialMessage);
        assertEquals(List.of("[helm-release] StatefulSet payments/ledger-redis is outside the release's namespace"
                + " team-a: it is judged when Helm…"), decision.warnings());
    }

    @Test
    void lookups_that_do_not_answer_are_cut_off_at_the_deadline_and_the_policy_decides() throws Exception {
        String manifest = ReleaseRecords.statefulSet("shop", "cache", "redis:7.2.4")
                + "---\n" + ReleaseRecords.statefulSet("shop", "sessions", "redis:7.2.4");
        FakeApi hanging = (type, namespace, name) -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        };

        Decision denied = preflight(hanging, OnLookupFailure.DENY)
                .review(ReleaseRecords.pendingUpgrade("shop", "shop", "shop", manifest), "uid-1", HELM_USER, false);

        assertFalse(denied.allowed());
        assertTrue(denied.denialMessage().contains("- [helm-release] StatefulSet shop/cache: the Kubernetes API did not answer"
                + " within 2000 ms Fix: retry when the API is reachable"), denied.denialMessage());
        assertTrue(denied.denialMessage().contains("StatefulSet shop/sessions: the Kubernetes API did not answer"), denied.denialMessage());
    }

    @Test
    void the_live_objects_of_a_release_are_read_at_once_and_judged_as_if_read_one_after_another() throws Exception {
        int workloads = 6;
        StringBuilder manifest = new StringBuilder();
        Map<String, HasMetadata> live = new HashMap<>();
        for (int i = 0; i < workloads; i++) {
            manifest.append(ReleaseRecords.statefulSet("shop", "cache-" + i, "redis:7.4.1")).append("---\n");
            live.put("cache-" + i, YAML.readValue(ReleaseRecords.statefulSet("shop", "cache-" + i, "redis:7.2.5"),
                    StatefulSet.class));
        }
        FakeApi instant = (type, namespace, name) -> Optional.ofNullable(live.get(name));
        // Each read of a StatefulSet answers only once all of them have been asked for: one after another, the first
        // would wait out the deadline and every workload would be judged as unread.
        CountDownLatch allAsked = new CountDownLatch(workloads);
        FakeApi answersOnlyTogether = (type, namespace, name) -> {
            if (type == StatefulSet.class) {
                allAsked.countDown();
                try {
                    allAsked.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return instant.get(type, namespace, name);
        };
        Secret record = ReleaseRecords.pendingUpgrade("shop", "shop", "shop", manifest.toString());

        Decision together = preflight(answersOnlyTogether, OnLookupFailure.DENY).review(record, "uid-1", HELM_USER, false);
        Decision oneByOne = preflight(instant, OnLookupFailure.DENY).review(record, "uid-1", HELM_USER, false);

        assertFalse(together.allowed());
        assertEquals(oneByOne.denialMessage(), together.denialMessage());
        assertEquals(oneByOne.warnings(), together.warnings());
        assertTrue(together.denialMessage().contains(workloads + " workloads violate the policy"), together.denialMessage());
        assertFalse(together.denialMessage().contains("did not answer"), together.denialMessage());
    }

    @Test
    void a_workload_with_a_malformed_quantity_is_judged_and_its_pods_read_like_any_other() throws Exception {
        String manifest = ReleaseRecords.statefulSet("shop", "cache", "redis:7.4.1")
                + "          resources: {limits: {memory: lots}}\n";
        Map<String, HasMetadata> live = Map.of(FakeApi.PODS, new PodBuilder().withNewMetadata().withName("cache-0")
                .endMetadata().withNewSpec().addNewContainer().withName("redis").withImage("redis:7.2.5").endContainer()
                .endSpec().build());

        Decision decision = preflight((type, namespace, name) -> Optional.ofNullable(live.get(name)), OnLookupFailure.ALLOW)
                .review(ReleaseRecords.pendingUpgrade("shop", "shop", "shop", manifest), "uid-1", HELM_USER, false);

        assertTrue(decision.denialMessage().contains("- [rdb-one-way] container redis: REDIS0011 → REDIS0012 is one-way:"
                + " rollback to redis:7.2.5"), decision::denialMessage);
    }

    @Test
    void a_document_that_cannot_be_read_is_named_by_its_place_never_by_its_content() throws Exception {
        String manifest = "apiVersion: v1\nkind: Secret\nmetadata: {name: creds}\nstringData: [hunter2-is-the-password\n---\n"
                + ReleaseRecords.statefulSet("shop", "cache", "redis:7.2.4");

        Decision decision = preflight(cluster(Map.of()), OnLookupFailure.ALLOW)
                .review(ReleaseRecords.pendingUpgrade("shop", "shop", "shop", manifest), "uid-1", HELM_USER, false);

        assertTrue(decision.warnings().stream().anyMatch(w -> w.startsWith("[helm-release] could not read release shop")),
                decision.warnings()::toString);
        assertTrue(decision.warnings().stream().noneMatch(w -> w.contains("hunter2")), decision.warnings()::toString);
    }

    @Test
    void a_workload_with_a_null_container_is_reported_as_unreadable_and_the_others_are_still_judged() throws Exception {
        String manifest = ReleaseRecords.statefulSet("shop", "cache", "redis:7.2.4") + "        - null\n---\n"
                + ReleaseRecords.statefulSet("shop", "sessions", "redis:latest");

        Decision decision = preflight(cluster(Map.of()), OnLookupFailure.ALLOW)
                .review(ReleaseRecords.pendingUpgrade("shop", "shop", "shop", manifest), "uid-1", HELM_USER, false);

        assertTrue(decision.warnings().stream().anyMatch(w -> w.startsWith("[helm-release] could not read release shop")
                && w.contains("manifest:1 (document 1)")), decision.warnings()::toString);
        assertTrue(decision.warnings().stream().anyMatch(w -> w.startsWith("[image-unpinned] container redis: redis:latest"
                + " does not pin a release")), decision.warnings()::toString);
    }

    @Test
    void a_manifest_of_many_tiny_documents_is_read_up_to_the_bound_and_allowed_with_a_warning() throws Exception {
        String manifest = "a: 1\n---\n".repeat(ManifestReader.MAX_DOCUMENTS + 10);

        Decision decision = preflight(cluster(Map.of()), OnLookupFailure.ALLOW)
                .review(ReleaseRecords.pendingUpgrade("shop", "shop", "shop", manifest), "uid-1", HELM_USER, false);

        assertTrue(decision.allowed());
        assertEquals(Decision.MAX_WARNINGS, decision.warnings().size());
        assertEquals(ManifestReader.MAX_DOCUMENTS + 1, decision.results().size(),
                "one warning per document that is not an object, and one for the bound");
    }

    @Test
    void a_release_with_more_workloads_than_the_bound_judges_the_first_and_says_so() throws Exception {
        StringBuilder manifest = new StringBuilder();
        for (int i = 0; i <= ReleasePreflight.MAX_WORKLOADS; i++) {
            manifest.append(ReleaseRecords.statefulSet("shop", "cache-" + i, "redis:7.2.4")).append("---\n");
        }

        Decision decision = preflight(cluster(Map.of()), OnLookupFailure.ALLOW)
                .review(ReleaseRecords.pendingUpgrade("shop", "shop", "shop", manifest.toString()), "uid-1", HELM_USER, false);

        assertEquals(ReleasePreflight.MAX_WORKLOADS, decision.parts().size());
        assertTrue(decision.warnings().contains("rdb-guard [helm-release] the release has more than 200 workloads; the others"
                + " are judged when Helm applies them"), decision.warnings()::toString);
    }

    @Test
    void a_record_larger_than_rdb_guard_judges_whole_is_allowed_and_left_to_the_per_object_webhook() throws Exception {
        ReleasePreflight small = new ReleasePreflight(new ReleaseDecoder(1024), new LiveStates(FakeApi.of(cluster(Map.of())),
                LOOKUPS, Duration.ofSeconds(2), OnLookupFailure.DENY, true),
                EngineFactory.build(EngineFactory.Sources.BUILT_IN, Clock.systemUTC()));

        Decision decision = small.review(record("mastodon-redis-19.v2.secret.yaml"), "uid-1", HELM_USER, false);

        assertTrue(decision.allowed(), decision::denialMessage);
        assertEquals(List.of("[helm-release] not judged whole, over 1024 bytes decoded"
                + " (rdb-guard.helm.max-release-bytes): each workload is judged as…"), decision.warnings());
    }
}
