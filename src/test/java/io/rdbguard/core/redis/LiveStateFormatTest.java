package io.rdbguard.core.redis;

import static io.rdbguard.core.redis.FormatChecksFixture.container;
import static io.rdbguard.core.redis.FormatChecksFixture.create;
import static io.rdbguard.core.redis.FormatChecksFixture.oneWay;
import static io.rdbguard.core.redis.FormatChecksFixture.statefulSet;
import static io.rdbguard.core.redis.FormatChecksFixture.unreadable;
import static io.rdbguard.core.redis.FormatChecksFixture.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rdbguard.core.check.Check;
import io.rdbguard.core.check.Finding;
import io.rdbguard.core.check.Status;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.LiveLookup;
import io.rdbguard.core.workload.LiveState;
import io.rdbguard.core.workload.Workload;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The format checks judge against what the pods run and what the volumes hold where the template is not the truth. */
class LiveStateFormatTest {

    static final String OLD = "redis:7.2.5";
    static final String NEW = "redis:7.4.1";
    static final String FRESH_BACKUP_AT = "2026-11-25T11:00:00Z";

    static Workload cache(String image, String... annotations) {
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < annotations.length; i += 2) {
            map.put(annotations[i], annotations[i + 1]);
        }
        return statefulSet(map, container("redis", image));
    }

    static LiveState.Pod pod(int ordinal, String image) {
        return new LiveState.Pod("cache-" + ordinal, ordinal, "cache-rev", Map.of("redis", image, "metrics", "bitnami/redis-exporter:1.62.0"));
    }

    static LiveState.Claim claim(int ordinal) {
        return new LiveState.Claim("data-cache-" + ordinal, ordinal);
    }

    static LiveState pods(LiveState.Pod... pods) {
        return LiveState.read(Arrays.asList(pods), List.of());
    }

    static Change live(Change change, LiveState state) {
        return change.withLive(new LiveLookup(() -> state));
    }

    static List<Finding> failing(Check check, Change change) {
        return check.evaluate(change).stream().filter(f -> f.status() != Status.PASS).toList();
    }

    static Stream<Arguments> verdicts() {
        return Stream.of(
                Arguments.of("a CREATE that adopts pods running 7.2 is a swap to 7.4, one-way",
                        live(create(cache(NEW)), pods(pod(0, OLD), pod(1, OLD))), oneWay(),
                        Status.FAIL, "REDIS0011 → REDIS0012 is one-way: rollback to redis:7.2.5 will be impossible"),
                Arguments.of("a CREATE that adopts pods running 7.4 is a swap to 7.2 its image cannot read",
                        live(create(cache(OLD)), pods(pod(0, NEW))), unreadable(),
                        Status.FAIL, "redis:7.2.5 cannot load REDIS0012 written by redis:7.4.1"),
                Arguments.of("a CREATE that adopts pods running the same image changes nothing",
                        live(create(cache(NEW)), pods(pod(0, NEW))), oneWay(), null, null),
                Arguments.of("a CREATE that adopts volumes with no pod cannot be proven safe",
                        live(create(cache(NEW)), LiveState.read(List.of(), List.of(claim(0), claim(1)))), oneWay(),
                        Status.FAIL, "StatefulSet shop/cache adopts 2 existing PersistentVolumeClaims (data-cache-0,"
                                + " data-cache-1) with no pod running on them: rdb-guard cannot tell what image wrote the data"),
                Arguments.of("only the volumes whose ordinal has no pod are unknown",
                        live(create(cache(NEW)), LiveState.read(List.of(pod(0, NEW)), List.of(claim(0), claim(2)))), oneWay(),
                        Status.FAIL, "StatefulSet shop/cache adopts 1 existing PersistentVolumeClaim (data-cache-2) with no"
                                + " pod running on it"),
                Arguments.of("adopted volumes with a fresh backup recorded are allowed with a warning",
                        live(create(cache(NEW, "rdb-guard.io/backup", "s3://b/cache", "rdb-guard.io/backup-taken-at",
                                FRESH_BACKUP_AT)), LiveState.read(List.of(), List.of(claim(0)))), oneWay(),
                        Status.WARN, "allowed by backup s3://b/cache taken 1h ago: volumes data-cache-0 hold data of an"
                                + " unknown format"),
                Arguments.of("adopted volumes with a restore source recorded are allowed with a warning",
                        live(create(cache(NEW, "rdb-guard.io/restore-from", "s3://b/cache")),
                                LiveState.read(List.of(), List.of(claim(0)))), oneWay(),
                        Status.WARN, "allowed by rdb-guard.io/restore-from=s3://b/cache: volumes data-cache-0 hold data"),
                Arguments.of("a restore source used for adopted volumes is not left over",
                        live(create(cache(NEW, "rdb-guard.io/restore-from", "s3://b/cache")),
                                LiveState.read(List.of(), List.of(claim(0)))), unreadable(), null, null),
                Arguments.of("a partitioned revert to what every pod runs is no swap, though no pod ran the reverted template",
                        live(update(cache(NEW), cache(OLD)), pods(pod(0, OLD), pod(1, OLD))), unreadable(), null, null),
                Arguments.of("lowering the partition moves pods still on 7.2 to the 7.4 template: one-way",
                        live(update(cache(NEW), cache(NEW)), pods(pod(0, OLD), pod(1, NEW))), oneWay(),
                        Status.FAIL, "REDIS0011 → REDIS0012 is one-way: rollback to redis:7.2.5"),
                Arguments.of("a live state that could not be read under allow is judged by the template with a warning",
                        live(create(cache(NEW)), LiveState.unread("the Kubernetes API did not answer within 3000 ms", false)),
                        oneWay(), Status.WARN, "live state could not be read (the Kubernetes API did not answer within"
                                + " 3000 ms): judged by the template alone"),
                Arguments.of("a live state that could not be read under deny is an error",
                        live(create(cache(NEW)), LiveState.unread("HTTP 500", true)), oneWay(),
                        Status.ERROR, "the live state of StatefulSet shop/cache could not be read (HTTP 500): rdb-guard"
                                + " cannot tell what its pods run and its volumes hold"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void the_format_checks_judge_what_runs_and_what_the_disk_holds(String sentence, Change change, Check check,
                                                                  Status status, String messageStart) {
        List<Finding> findings = failing(check, change);

        if (status == null) {
            assertEquals(List.of(), findings, sentence);
            return;
        }
        assertEquals(1, findings.size(), findings::toString);
        assertEquals(status, findings.get(0).status(), findings.get(0).message());
        assertTrue(findings.get(0).message().startsWith(messageStart), findings.get(0).message());
    }

    @Test
    void without_the_live_state_the_partitioned_revert_was_denied_and_the_orphaned_pods_invisible() {
        assertEquals(Status.FAIL, failing(unreadable(), update(cache(NEW), cache(OLD))).get(0).status());
        assertEquals(List.of(), failing(oneWay(), create(cache(NEW))));
    }

    @Test
    void adopted_volumes_name_what_to_do_for_each_case() {
        Finding finding = failing(oneWay(), live(create(cache(NEW)), LiveState.read(List.of(), List.of(claim(0), claim(1),
                claim(2), claim(3))))).get(0);

        assertTrue(finding.message().contains("(data-cache-0, data-cache-1, data-cache-2 and 1 more)"), finding.message());
        assertTrue(finding.fix().contains("rdb-guard.io/backup='<where the backup is>'"), finding.fix());
        assertTrue(finding.fix().contains("rdb-guard.io/restore-from='<backup or source>'"), finding.fix());
        assertTrue(finding.fix().endsWith("delete them: kubectl delete pvc -n shop data-cache-0 data-cache-1 data-cache-2"
                + " data-cache-3"), finding.fix());
    }

    @Test
    void pods_on_two_revisions_give_one_finding_per_distinct_swap() {
        Change change = live(create(cache(NEW)), pods(pod(0, OLD), pod(1, OLD), pod(2, NEW)));

        assertEquals(1, failing(oneWay(), change).size(), failing(oneWay(), change)::toString);
    }

    @Test
    void a_statefulset_without_a_datastore_never_reads_the_cluster() {
        Change change = create(statefulSet(container("app", "nginx:1.27.0"))).withLive(new LiveLookup(() -> {
            throw new AssertionError("read the cluster for a StatefulSet without a datastore");
        }));

        assertEquals(List.of(), oneWay().evaluate(change));
        assertEquals(List.of(), unreadable().evaluate(change));
    }
}
