package io.rdbguard.core.redis;

import static io.rdbguard.core.redis.FormatChecksFixture.DIGEST;
import static io.rdbguard.core.redis.FormatChecksFixture.INVALID_IMAGE;
import static io.rdbguard.core.redis.FormatChecksFixture.container;
import static io.rdbguard.core.redis.FormatChecksFixture.create;
import static io.rdbguard.core.redis.FormatChecksFixture.init;
import static io.rdbguard.core.redis.FormatChecksFixture.oneWay;
import static io.rdbguard.core.redis.FormatChecksFixture.only;
import static io.rdbguard.core.redis.FormatChecksFixture.statefulSet;
import static io.rdbguard.core.redis.FormatChecksFixture.unpinned;
import static io.rdbguard.core.redis.FormatChecksFixture.unreadable;
import static io.rdbguard.core.redis.FormatChecksFixture.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rdbguard.core.check.Check;
import io.rdbguard.core.check.DescribedCheck;
import io.rdbguard.core.check.Finding;
import io.rdbguard.core.registry.CheckRegistry;
import io.rdbguard.core.check.Mode;
import io.rdbguard.core.check.Status;
import io.rdbguard.core.engine.Decision;
import io.rdbguard.core.engine.Engine;
import io.rdbguard.core.engine.Policy;
import io.rdbguard.core.exemption.ExemptionPolicy;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.Workload;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatChecksTest {

    private static Change swap(String oldImage, String newImage) {
        return update(statefulSet(container("redis", oldImage)), statefulSet(container("redis", newImage)));
    }

    private static void assertFinding(Finding finding, Status status, String messageStart) {
        assertEquals(status, finding.status(), finding.message());
        assertTrue(finding.message().startsWith(messageStart), "message was: " + finding.message());
    }

    // --- the incidents ---

    @Test
    void argo_helm_moving_redis_7_4_2_back_to_7_2_8_is_unreadable() {
        Change change = swap("redis:7.4.2", "redis:7.2.8");

        Finding finding = only(unreadable().evaluate(change));
        assertFinding(finding, Status.FAIL, "redis:7.2.8 cannot load REDIS0012 written by redis:7.4.2"
                + " (REDIS0012 → REDIS0011): the pods will crash-loop with \"Can't handle RDB format version 12\"");
        assertTrue(finding.fix().contains("kubectl annotate statefulset cache -n shop --overwrite"
                + " rdb-guard.io/restore-from='<backup or source>'"), finding.fix());
        assertTrue(finding.fix().endsWith("or use an image that loads REDIS0012, e.g. Redis 7.4"), finding.fix());
        assertEquals(Status.PASS, only(oneWay().evaluate(change)).status(), "7.4 reads what 7.2 writes");
    }

    @Test
    void netbox_docker_floating_redis_7_alpine_makes_the_old_format_unknown() {
        Change change = swap("redis:7-alpine", "valkey/valkey:8.0.1-alpine");

        Finding finding = only(oneWay().evaluate(change));
        assertFinding(finding, Status.FAIL, "REDIS0010 or REDIS0011 or REDIS0012 → REDIS0011: rdb-guard cannot prove this"
                + " is safe (the tag 7-alpine follows the newest release of its major version, across formats, so it may"
                + " run Redis 7.0 or 7.2 or 7.4): valkey/valkey:8.0.1-alpine may not load the data (Valkey 8.0"
                + " loads REDIS0010, REDIS0011, not REDIS0012), and a backup does not stop a crash-loop; rollback to"
                + " redis:7-alpine may be impossible once valkey/valkey:8.0.1-alpine saves (REDIS0011 loads in Redis 7.2,"
                + " 7.4, not in Redis 7.0)");
        assertTrue(unreadable().evaluate(change).isEmpty(), "a format that may or may not load is reported once, by rdb-one-way");
    }

    @Test
    void moving_to_a_floating_tag_makes_the_new_format_unknown_and_the_fix_suggests_a_pinned_tag() {
        Finding finding = only(oneWay().evaluate(swap("redis:7.2.4-alpine", "redis:7-alpine")));

        assertFinding(finding, Status.FAIL, "REDIS0011 → REDIS0010 or REDIS0011 or REDIS0012: rdb-guard cannot prove this"
                + " is safe (the tag 7-alpine follows the newest release of its major version");
        assertTrue(finding.fix().endsWith("or pin a release, e.g. redis:7.2.4"), finding.fix());
    }

    @Test
    void redis_7_2_to_valkey_9_is_one_way() {
        Change change = swap("redis:7.2.4", "valkey/valkey:9.0.0");

        Finding finding = only(oneWay().evaluate(change));
        assertFinding(finding, Status.FAIL, "REDIS0011 → VALKEY080 is one-way: rollback to redis:7.2.4 will be impossible"
                + " once valkey/valkey:9.0.0 saves (Redis 7.2 cannot load VALKEY080)");
        assertTrue(finding.fix().contains("kubectl annotate statefulset cache -n shop --overwrite"
                + " rdb-guard.io/backup='<where the backup is>' rdb-guard.io/backup-taken-at=\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\""),
                finding.fix());
        assertEquals(Status.PASS, only(unreadable().evaluate(change)).status(), "Valkey 9 loads REDIS0011");
    }

    @Test
    void redis_7_4_to_valkey_8_0_is_unreadable() {
        Change change = swap("redis:7.4.2", "valkey/valkey:8.0.1");

        Finding finding = only(unreadable().evaluate(change));
        assertFinding(finding, Status.FAIL, "valkey/valkey:8.0.1 cannot load REDIS0012 written by redis:7.4.2"
                + " (REDIS0012 → REDIS0011): the pods will crash-loop with \"Can't handle RDB format version 12\"");
        assertTrue(finding.fix().endsWith("e.g. Redis 7.4"), "no Valkey loads REDIS0012: " + finding.fix());
    }

    @Test
    void bitnami_redis_7_2_to_redict_7_3_is_one_way() {
        Change change = swap("docker.io/bitnami/redis:7.2.5-debian-12-r4", "registry.redict.io/redict:7.3.0");

        assertFinding(only(oneWay().evaluate(change)), Status.FAIL, "REDIS0011 → REDIS0012 is one-way: rollback to"
                + " docker.io/bitnami/redis:7.2.5-debian-12-r4 will be impossible once registry.redict.io/redict:7.3.0"
                + " saves (Redis 7.2 cannot load REDIS0012) (unverified catalog facts: registry.redict.io/redict)");
        assertEquals(Status.PASS, only(unreadable().evaluate(change)).status());
    }

    @Test
    void rolling_redict_back_to_bitnami_redis_7_2_is_unreadable() {
        Change change = swap("registry.redict.io/redict:7.3.0", "docker.io/bitnami/redis:7.2.5-debian-12-r4");

        assertFinding(only(unreadable().evaluate(change)), Status.FAIL, "docker.io/bitnami/redis:7.2.5-debian-12-r4"
                + " cannot load REDIS0012 written by registry.redict.io/redict:7.3.0 (REDIS0012 → REDIS0011)");
        assertEquals(Status.PASS, only(oneWay().evaluate(change)).status(),
                "rdb-unreadable denies it; no second, reassuring verdict on unverified facts");
    }

    // --- what the messages say ---

    @Test
    void a_server_that_does_not_know_the_magic_fails_with_wrong_signature() {
        assertTrue(only(unreadable().evaluate(swap("valkey/valkey:9.0.0", "redis:8.0.2"))).message()
                .contains("crash-loop with \"Wrong signature trying to load DB from file\""));
    }

    @Test
    void a_relaxed_load_is_mentioned_but_never_counted_as_readable() {
        Finding finding = only(unreadable().evaluate(swap("redis:7.4.2", "valkey/valkey:9.0.0")));

        assertEquals(Status.FAIL, finding.status());
        assertTrue(finding.message().contains("; Valkey 9.0 may load it with rdb-version-check relaxed, but fails on"
                + " data types it does not know"), finding.message());
    }

    @Test
    void unverified_catalog_facts_are_named() {
        assertTrue(only(oneWay().evaluate(swap("redis:8.4.0", "redis:8.6.0"))).message()
                .endsWith("(unverified catalog facts: Redis 8.4, 8.6)"));
    }

    @Test
    void a_restore_from_annotation_left_on_after_its_change_is_flagged_on_the_next_change() {
        Workload before = statefulSet(Map.of("rdb-guard.io/restore-from", "s3://backups/cache.rdb"), container("redis", "redis:7.2.4"));
        Workload after = statefulSet(Map.of("rdb-guard.io/restore-from", "s3://backups/cache.rdb"), container("redis", "redis:7.2.8"));

        Finding finding = only(unreadable().evaluate(update(before, after)).stream()
                .filter(f -> f.status() != Status.PASS).toList());

        assertEquals(Status.WARN, finding.status());
        assertEquals("rdb-guard.io/restore-from=s3://backups/cache.rdb is set on the StatefulSet but this change needs no restore; left on,"
                + " it would let a later unreadable image through", finding.message());
        assertTrue(finding.fix().endsWith("rdb-guard.io/restore-from-"), finding.fix());
    }

    @Test
    void a_safe_looking_swap_that_rests_on_unverified_catalog_facts_is_a_warning_not_a_silent_pass() {
        Finding finding = only(oneWay().evaluate(swap("redis:8.0.2", "redis:8.4.0")));

        assertEquals(Status.WARN, finding.status());
        assertEquals("rollback looks safe, but only by unverified catalog facts: Redis 8.4: redis:8.0.2 can load what"
                + " redis:8.4.0 writes (REDIS0012 → REDIS0012)", finding.message());
    }

    @Test
    void a_version_without_a_release_line_in_the_catalog_is_unknown_and_the_fix_says_to_add_it() {
        Finding finding = only(oneWay().evaluate(swap("redis:7.2.4", "redis:9.0.0")));

        assertFinding(finding, Status.FAIL, "REDIS0011 → a format the catalog does not know (Redis 9.0.0): rdb-guard cannot"
                + " tell what redis:9.0.0 writes and loads: the catalog has no Redis 9.0.0 release line");
        assertTrue(finding.fix().endsWith("or add the Redis 9.0.0 release line to the catalog extension"), finding.fix());
    }

    // --- annotations ---

    @ParameterizedTest(name = "backup taken at {0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "2026-11-25T09:00:00Z      | WARN  | allowed by a backup taken 3 hours ago (s3://backups/cache): REDIS0011 → VALKEY080 is one-way",
        "2026-11-25T13:00:00+02:00 | WARN  | allowed by a backup taken 1 hour ago (s3://backups/cache): REDIS0011 → VALKEY080 is one-way",
        "2026-11-25T12:03:00Z      | WARN  | allowed by a backup taken just now (s3://backups/cache): REDIS0011 → VALKEY080 is one-way",
        "2026-11-24T11:00:00Z      | ERROR | backup s3://backups/cache on the StatefulSet is 25 hours old (rdb-guard.io/backup-taken-at=2026-11-24T11:00:00Z), more than the 24 hours allowed; take a fresh one.",
        "2026-11-25T13:00:00Z      | ERROR | rdb-guard.io/backup-taken-at=2026-11-25T13:00:00Z on the StatefulSet is 1 hour in the future; write when the backup was taken, e.g. 2026-11-25T12:00:00Z.",
        "yesterday                 | ERROR | rdb-guard.io/backup-taken-at=\"yesterday\" on the StatefulSet is not an RFC 3339 time with a zone; write e.g. 2026-11-25T12:00:00Z.",
        "2026-11-25 09:00          | ERROR | rdb-guard.io/backup-taken-at=\"2026-11-25 09:00\" on the StatefulSet is not an RFC 3339 time with a zone",
        "2026-11-25T09:00:00       | ERROR | rdb-guard.io/backup-taken-at=\"2026-11-25T09:00:00\" on the StatefulSet is not an RFC 3339 time with a zone",
    })
    void a_recorded_backup_allows_a_one_way_change_only_when_fresh(String takenAt, Status status, String message) {
        Map<String, String> annotations = Map.of("rdb-guard.io/backup", "s3://backups/cache",
                "rdb-guard.io/backup-taken-at", takenAt);
        Change change = update(statefulSet(annotations, container("redis", "redis:7.2.4")),
                statefulSet(annotations, container("redis", "valkey/valkey:9.0.0")));

        assertFinding(only(oneWay().evaluate(change)), status, message);
    }

    @ParameterizedTest(name = "backup={0}, taken-at={1}")
    @CsvSource(nullValues = "null", delimiter = '|', value = {
        "s3://backups/cache | null                 | rdb-guard.io/backup-taken-at is missing on the StatefulSet; write when backup s3://backups/cache was taken, e.g. 2026-11-25T12:00:00Z.",
        "null               | 2026-11-25T09:00:00Z | rdb-guard.io/backup is missing on the StatefulSet next to rdb-guard.io/backup-taken-at; it must name where the backup is.",
        "' '                | 2026-11-25T09:00:00Z | rdb-guard.io/backup is empty on the StatefulSet next to rdb-guard.io/backup-taken-at; it must name where the backup is.",
    })
    void an_incomplete_backup_record_is_an_error_that_says_what_is_missing(String backup, String takenAt,
            String message) {
        Map<String, String> annotations = new java.util.HashMap<>();
        if (backup != null) {
            annotations.put("rdb-guard.io/backup", backup);
        }
        if (takenAt != null) {
            annotations.put("rdb-guard.io/backup-taken-at", takenAt);
        }
        Change change = update(statefulSet(annotations, container("redis", "redis:7.2.4")),
                statefulSet(annotations, container("redis", "valkey/valkey:9.0.0")));

        assertFinding(only(oneWay().evaluate(change)), Status.ERROR, message);
    }

    @Test
    void a_restore_source_allows_an_unreadable_change_with_a_warning() {
        Map<String, String> restore = Map.of("rdb-guard.io/restore-from", "s3://backups/cache-7.2.rdb");
        Change change = update(statefulSet(container("redis", "redis:7.4.2")),
                statefulSet(restore, container("redis", "redis:7.2.8")));

        assertFinding(only(unreadable().evaluate(change)), Status.WARN, "allowed by rdb-guard.io/restore-from="
                + "s3://backups/cache-7.2.rdb: redis:7.2.8 cannot load REDIS0012 (REDIS0012 → REDIS0011)");
    }

    @Test
    void an_empty_restore_source_is_an_error() {
        Change change = update(statefulSet(container("redis", "redis:7.4.2")),
                statefulSet(Map.of("rdb-guard.io/restore-from", ""), container("redis", "redis:7.2.8")));

        assertFinding(only(unreadable().evaluate(change)), Status.ERROR, "rdb-guard.io/restore-from is empty on the StatefulSet");
    }

    // --- annotations read as pairs from one place ---

    private static Workload annotated(Map<String, String> onObject, Map<String, String> onTemplate, String image) {
        return new Workload("StatefulSet", "shop", "cache", Map.of(), onObject,
                new Workload.PodTemplate(onTemplate, List.of(), List.of(container("redis", image))));
    }

    private static Map<String, String> backup(String where, String takenAt) {
        return Map.of("rdb-guard.io/backup", where, "rdb-guard.io/backup-taken-at", takenAt);
    }

    private static Finding oneWayWith(Map<String, String> onObject, Map<String, String> onTemplate) {
        return only(oneWay().evaluate(update(annotated(onObject, onTemplate, "redis:7.2.4"),
                annotated(onObject, onTemplate, "valkey/valkey:9.0.0"))));
    }

    /** Observed: a stale backup pair on the object hid a fresh pair on the pod template. */
    @Test
    void a_fresh_pair_on_the_pod_template_counts_over_a_stale_pair_on_the_object_and_the_message_says_where() {
        Finding finding = oneWayWith(backup("s3://backups/last-month", "2026-10-25T12:00:00Z"),
                backup("s3://backups/today", "2026-11-25T10:00:00Z"));

        assertFinding(finding, Status.WARN, "allowed by a backup taken 2 hours ago on the pod template (s3://backups/today):");
    }

    @Test
    void a_fresh_pair_on_the_object_counts_over_a_stale_pair_on_the_pod_template() {
        assertFinding(oneWayWith(backup("s3://backups/today", "2026-11-25T10:00:00Z"),
                backup("s3://backups/last-month", "2026-10-25T12:00:00Z")), Status.WARN,
                "allowed by a backup taken 2 hours ago on the StatefulSet (s3://backups/today):");
    }

    @Test
    void of_two_fresh_pairs_the_freshest_counts() {
        assertFinding(oneWayWith(backup("s3://backups/morning", "2026-11-25T08:00:00Z"),
                backup("s3://backups/noon", "2026-11-25T11:30:00Z")), Status.WARN,
                "allowed by a backup taken 30 minutes ago on the pod template (s3://backups/noon):");
    }

    @Test
    void two_stale_pairs_are_refused_with_the_freshest_one_named() {
        assertFinding(oneWayWith(backup("s3://backups/older", "2026-11-20T12:00:00Z"),
                backup("s3://backups/old", "2026-11-23T12:00:00Z")), Status.ERROR,
                "backup s3://backups/old on the pod template is 2 days old (rdb-guard.io/backup-taken-at=2026-11-23T12:00:00Z),"
                        + " more than the 24 hours allowed; take a fresh one.");
    }

    /** Observed: the location and the timestamp could come from different places. */
    @Test
    void a_location_on_the_object_is_never_paired_with_a_time_on_the_pod_template() {
        Finding finding = oneWayWith(Map.of("rdb-guard.io/backup", "s3://backups/cache"),
                Map.of("rdb-guard.io/backup-taken-at", "2026-11-25T10:00:00Z"));

        assertFinding(finding, Status.ERROR, "rdb-guard.io/backup-taken-at is missing on the StatefulSet; write when backup"
                + " s3://backups/cache was taken");
    }

    @Test
    void a_malformed_pair_in_one_place_is_an_error_even_when_the_other_place_has_a_fresh_one() {
        assertFinding(oneWayWith(backup("s3://backups/today", "2026-11-25T10:00:00Z"),
                backup("s3://backups/other", "today")), Status.ERROR,
                "rdb-guard.io/backup-taken-at=\"today\" on the pod template is not an RFC 3339 time with a zone");
    }

    @Test
    void a_restore_source_on_the_pod_template_allows_an_unreadable_change_and_says_where() {
        Map<String, String> restore = Map.of("rdb-guard.io/restore-from", "s3://backups/cache-7.2.rdb");
        Change change = update(annotated(Map.of(), Map.of(), "redis:7.4.2"), annotated(Map.of(), restore, "redis:7.2.8"));

        assertFinding(only(unreadable().evaluate(change)), Status.WARN,
                "allowed by rdb-guard.io/restore-from=s3://backups/cache-7.2.rdb on the pod template: redis:7.2.8 cannot load");
    }

    @Test
    void a_restore_source_left_on_the_pod_template_is_removed_with_a_patch_of_the_template() {
        Map<String, String> restore = Map.of("rdb-guard.io/restore-from", "s3://backups/cache.rdb");
        Change change = update(annotated(Map.of(), restore, "redis:7.2.4"), annotated(Map.of(), restore, "redis:7.2.8"));

        Finding finding = only(unreadable().evaluate(change).stream().filter(f -> f.status() != Status.PASS).toList());

        assertEquals("remove it: kubectl patch statefulset cache -n shop --type=json -p"
                + " '[{\"op\":\"remove\",\"path\":\"/spec/template/metadata/annotations/rdb-guard.io~1restore-from\"}]'"
                + " (the pods restart: it changes the pod template)", finding.fix());
    }

    @Test
    void two_different_restore_sources_are_an_error() {
        Change change = update(annotated(Map.of(), Map.of(), "redis:7.4.2"),
                annotated(Map.of("rdb-guard.io/restore-from", "s3://a.rdb"), Map.of("rdb-guard.io/restore-from", "s3://b.rdb"),
                        "redis:7.2.8"));

        assertFinding(only(unreadable().evaluate(change)), Status.ERROR, "rdb-guard.io/restore-from is s3://a.rdb on the"
                + " StatefulSet but s3://b.rdb on the pod template; keep the one the data really comes from");
    }

    @Test
    void the_same_restore_source_in_both_places_counts_once() {
        Map<String, String> restore = Map.of("rdb-guard.io/restore-from", "s3://a.rdb");
        Change change = update(annotated(Map.of(), Map.of(), "redis:7.4.2"), annotated(restore, restore, "redis:7.2.8"));

        assertFinding(only(unreadable().evaluate(change)), Status.WARN, "allowed by rdb-guard.io/restore-from=s3://a.rdb:");
    }

    @Test
    void the_backup_acceptance_is_callable_by_other_checks_with_their_own_problem_and_fix() {
        Workload workload = annotated(backup("s3://backups/today", "2026-11-25T10:00:00Z"), Map.of(), "redis:7.2.4");

        Finding finding = FormatChecksFixture.settings().backups().judge(workload, "redis",
                "the volumes hold data no running pod wrote", "take a backup", "restoring the volumes needs that backup");

        assertEquals(new Finding(Status.WARN, "redis", "allowed by a backup taken 2 hours ago"
                + " (s3://backups/today): restoring the volumes needs that backup", ""), finding);
    }

    // --- messages through the engine ---

    @Test
    void a_warn_mode_one_way_swap_keeps_the_whole_annotate_command_in_its_warning() {
        Engine engine = new Engine(List.of(described("rdb-one-way", oneWay())),
                new Policy(Map.of("rdb-one-way", Mode.WARN), ExemptionPolicy.DEFAULT), java.time.Clock.systemUTC());

        String warning = engine.judge(swap("redis:7.2.4", "valkey/valkey:9.0.0")).warnings().get(0);

        assertTrue(warning.startsWith("[rdb-one-way] container redis: REDIS0011 → VALKEY080 is one-way"), warning);
        assertTrue(warning.endsWith("kubectl annotate statefulset cache -n shop --overwrite rdb-guard.io/backup='<where the"
                + " backup is>' rdb-guard.io/backup-taken-at=\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\""), warning);
    }

    @Test
    void an_allowed_backup_warning_keeps_the_backup_and_its_age() {
        Map<String, String> annotations = backup("s3://backups/cache-before-valkey-9-migration", "2026-11-25T09:00:00Z");
        Change change = update(statefulSet(annotations, container("redis", "redis:7.2.4")),
                statefulSet(annotations, container("redis", "valkey/valkey:9.0.0")));

        List<String> warnings = new Engine(List.of(described("rdb-one-way", oneWay())), Policy.DEFAULTS,
                java.time.Clock.systemUTC()).judge(change).warnings();

        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).startsWith("[rdb-one-way] container redis: allowed by a backup taken 3 hours ago"
                + " (s3://backups/cache-before-valkey-9-migration):"), warnings.get(0));
        assertTrue(warnings.get(0).length() <= Decision.WARNING_LENGTH, warnings.get(0));
    }

    // --- which containers are compared ---

    @Test
    void a_patch_release_in_the_same_line_passes_both_checks() {
        Change change = swap("redis:7.2.4", "redis:7.2.8");

        assertFinding(only(unreadable().evaluate(change)), Status.PASS, "redis:7.2.8 loads what redis:7.2.4 wrote (REDIS0011 → REDIS0011)");
        assertFinding(only(oneWay().evaluate(change)), Status.PASS, "redis:7.2.4 can load what redis:7.2.8 writes");
    }

    @Test
    void an_unchanged_image_is_not_judged_even_when_floating() {
        Change change = swap("redis:7", "redis:7");

        assertTrue(unreadable().evaluate(change).isEmpty());
        assertTrue(oneWay().evaluate(change).isEmpty());
    }

    @Test
    void an_exporter_only_change_passes() {
        Change change = update(
                statefulSet(container("redis", "docker.io/bitnami/redis:7.2.5-debian-12-r4"),
                        container("metrics", "oliver006/redis_exporter:v1.55.0")),
                statefulSet(container("redis", "docker.io/bitnami/redis:7.2.5-debian-12-r4"),
                        container("metrics", "oliver006/redis_exporter:v1.62.0")));

        assertTrue(unreadable().evaluate(change).isEmpty());
        assertTrue(oneWay().evaluate(change).isEmpty());
        assertFinding(only(unpinned().evaluate(change)), Status.PASS, "docker.io/bitnami/redis:7.2.5-debian-12-r4 pins Redis 7.2");
    }

    @Test
    void images_that_are_not_redis_family_datastores_are_ignored() {
        Change change = update(
                statefulSet(container("db", "postgres:16.1"),
                        container("sentinel", "docker.io/bitnami/redis-sentinel:7.2.5-debian-12-r4")),
                statefulSet(container("db", "postgres:16.2"), container("sentinel", "redis:7")));

        assertTrue(unreadable().evaluate(change).isEmpty());
        assertTrue(oneWay().evaluate(change).isEmpty(), "a sentinel has no data to be made unreadable");
    }

    @Test
    void a_renamed_container_is_paired_by_family() {
        Change change = update(
                statefulSet(container("redis", "redis:7.2.4"), container("metrics", "oliver006/redis_exporter:v1.55.0")),
                statefulSet(container("cache", "valkey/valkey:9.0.0"),
                        container("metrics", "oliver006/redis_exporter:v1.55.0")));

        Finding finding = only(oneWay().evaluate(change));
        assertEquals("cache", finding.container());
        assertEquals(Status.FAIL, finding.status());
    }

    @Test
    void init_containers_are_compared_too() {
        Change change = update(statefulSet(init("restore", "redis:7.4.2"), container("redis", "redis:7.4.2")),
                statefulSet(init("restore", "redis:7.2.8"), container("redis", "redis:7.4.2")));

        assertEquals("restore", only(unreadable().evaluate(change)).container());
    }

    @Test
    void a_create_has_no_old_side_so_only_image_unpinned_applies() {
        Change change = create(statefulSet(container("redis", "redis:7-alpine")));

        assertTrue(unreadable().evaluate(change).isEmpty());
        assertTrue(oneWay().evaluate(change).isEmpty());
        Finding finding = only(unpinned().evaluate(change));
        assertFinding(finding, Status.FAIL, "redis:7-alpine does not pin a release: the tag 7-alpine follows the newest"
                + " release of its major version");
        assertTrue(finding.fix().startsWith("pin a release, e.g. redis:7.2.4,"), finding.fix());
    }

    // --- image-unpinned ---

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "redis:latest                                | FAIL | redis:latest does not pin a release: the tag latest moves to every new release",
        "redis:alpine                                | FAIL | redis:alpine does not pin a release",
        "redis:7                                     | FAIL | redis:7 does not pin a release: the tag 7 follows the newest release of its major version",
        "redis:7.2                                   | FAIL | redis:7.2 does not pin a release: the tag 7.2 follows the newest patch release of its line; it writes REDIS0011",
        "docker.io/bitnami/redis:7.2-debian-12       | FAIL | docker.io/bitnami/redis:7.2-debian-12 does not pin a release",
        "docker.io/bitnami/redis:7.2.4               | FAIL | docker.io/bitnami/redis:7.2.4 does not pin a release: the tag 7.2.4 is rebuilt by Bitnami",
        "redis:7.2.4                                 | PASS | redis:7.2.4 pins Redis 7.2 (7.2.4)",
        "docker.io/bitnami/redis:7.2.5-debian-12-r4  | PASS | docker.io/bitnami/redis:7.2.5-debian-12-r4 pins Redis 7.2 (7.2.5)",
    })
    void a_datastore_image_must_pin_a_release(String image, Status status, String message) {
        assertFinding(only(unpinned().evaluate(create(statefulSet(container("redis", image))))), status, message);
    }

    @Test
    void a_digest_without_a_pin_says_so() {
        Finding finding = only(unpinned().evaluate(create(statefulSet(container("redis", "redis@" + DIGEST)))));

        assertTrue(finding.message().contains("a digest alone does not say which release it is"), finding.message());
        assertTrue(finding.fix().contains("or pin its digest to a version in the catalog extension"), finding.fix());
    }

    @Test
    void an_invalid_image_reference_is_an_error() {
        assertFinding(only(unpinned().evaluate(create(statefulSet(container("redis", INVALID_IMAGE))))), Status.ERROR,
                "image \"Redis:7.2.4:oops\" is not a valid reference: \"Redis:7.2.4\" is not a valid repository path component");
    }

    // --- through the engine ---

    private static DescribedCheck described(String id, Check check) {
        return new DescribedCheck(CheckRegistry.descriptor(id), check);
    }

    @Test
    void a_denial_names_the_check_the_container_and_the_formats_first() {
        Engine engine = new Engine(List.of(described("rdb-unreadable", unreadable()), described("rdb-one-way", oneWay()),
                described("image-unpinned", unpinned())), Policy.DEFAULTS, java.time.Clock.systemUTC());

        Decision decision = engine.judge(swap("redis:7.2.4", "valkey/valkey:9.0.0"));

        assertFalse(decision.allowed());
        assertTrue(decision.denialMessage().contains("\n- [rdb-one-way] container redis: REDIS0011 → VALKEY080 is one-way:"
                + " rollback to redis:7.2.4 will be impossible"), decision.denialMessage());
        assertTrue(decision.warnings().stream().noneMatch(w -> w.contains("[image-unpinned]")), "valkey 9.0.0 is pinned");
    }

    /** Observed: stock charts with floating tags got the same advice on every change, filling the warning cap. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "redis:7.2   | redis:7.2 | [image-unpinned] 2 findings not caused by this change; rdb-guard audit lists them",
        "redis:7.2.4 | redis:7.2 | [image-unpinned] container redis: redis:7.2 does not pin a release",
    })
    void an_update_that_keeps_floating_images_says_their_advice_once(String before, String after, String warning) {
        Engine engine = new Engine(List.of(described("image-unpinned", unpinned())), Policy.DEFAULTS, java.time.Clock.systemUTC());

        // The sidecar's new image changes the pod template: the pods restart, with the same floating datastore images.
        Decision decision = engine.judge(update(
                statefulSet(container("redis", before), container("redis-copy", before), container("metrics", "busybox:1.36")),
                statefulSet(container("redis", after), container("redis-copy", after), container("metrics", "busybox:1.37"))));

        assertTrue(decision.allowed());
        assertTrue(decision.warnings().stream().anyMatch(w -> w.startsWith(warning)), decision.warnings().toString());
    }
}
