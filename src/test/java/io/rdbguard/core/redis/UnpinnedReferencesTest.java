package io.rdbguard.core.redis;

import static io.rdbguard.core.redis.FormatChecksFixture.container;
import static io.rdbguard.core.redis.FormatChecksFixture.oneWay;
import static io.rdbguard.core.redis.FormatChecksFixture.only;
import static io.rdbguard.core.redis.FormatChecksFixture.statefulSet;
import static io.rdbguard.core.redis.FormatChecksFixture.unpinned;
import static io.rdbguard.core.redis.FormatChecksFixture.unreadable;
import static io.rdbguard.core.redis.FormatChecksFixture.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rdbguard.core.check.Finding;
import io.rdbguard.core.check.Status;
import io.rdbguard.core.workload.Change;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Issue 13: what the releases an unpinned reference may run load and write decides, not whether the tag is pinned. */
class UnpinnedReferencesTest {

    private static final Map<String, String> FRESH_BACKUP = Map.of("rdb-guard.io/backup", "s3://backups/cache",
            "rdb-guard.io/backup-taken-at", "2026-11-25T11:00:00Z");

    private static Change swap(Map<String, String> annotations, String oldImage, String newImage) {
        return update(statefulSet(annotations, container("redis", oldImage)),
                statefulSet(annotations, container("redis", newImage)));
    }

    @ParameterizedTest(name = "{0} → {1}: no release it may run loads the data, so a backup does not allow it")
    @CsvSource(delimiter = '|', value = {
        "redis:7.4.2              | valkey/valkey:8           | Valkey 8.0 or 8.1)",
        "redis:7.4.2              | eqalpha/keydb:latest      | KeyDB 6.3 or 6.0 or 6.2)",
        "valkey/valkey:9.0.0      | redis:latest              | Redis 2.6 … 8.10)",
        "registry.redict.io/redict:7.3.0 | valkey/valkey:latest | Valkey 7.2 … 9.2)",
    })
    void a_floating_new_image_that_no_known_release_of_can_load_the_data_is_unreadable_even_with_a_backup(
            String oldImage, String newImage, String candidates) {
        Change change = swap(FRESH_BACKUP, oldImage, newImage);

        Finding finding = only(unreadable().evaluate(change));
        assertEquals(Status.FAIL, finding.status(), finding.message());
        assertTrue(finding.message().startsWith(newImage + " cannot load "), finding.message());
        assertTrue(finding.message().contains("; no release " + newImage + " may run (" + candidates), finding.message());
        assertTrue(finding.message().contains("a backup does not stop a crash-loop"), finding.message());
        assertTrue(finding.fix().contains("rdb-guard.io/restore-from"), finding.fix());
    }

    @Test
    void a_floating_new_image_every_release_of_which_loads_the_data_but_not_all_can_be_rolled_back_says_which() {
        Change change = swap(Map.of(), "redis:7.2.4", "valkey/valkey:latest");

        assertEquals(Status.PASS, only(unreadable().evaluate(change)).status(), "every Valkey loads REDIS0011");
        Finding finding = only(oneWay().evaluate(change));
        assertEquals(Status.FAIL, finding.status());
        assertEquals("REDIS0011 → REDIS0011 or VALKEY080 or VALKEY081: rdb-guard cannot prove this is safe (the tag latest"
                + " moves to every new release, across formats, so it may run Valkey 7.2 … 9.2): rollback to"
                + " redis:7.2.4 may be impossible once valkey/valkey:latest saves (Redis 7.2 loads REDIS0011, not"
                + " VALKEY080, VALKEY081)", finding.message());
    }

    @Test
    void a_floating_new_image_that_may_not_load_the_data_names_the_lines_that_do_and_do_not() {
        Finding finding = only(oneWay().evaluate(swap(Map.of(), "redis:7.2.4", "redis:7")));

        assertTrue(finding.message().contains("redis:7 may not load the data (REDIS0011 loads in Redis 7.2, 7.4, not in"
                + " Redis 7.0), and a backup does not stop a crash-loop"), finding.message());
        assertTrue(finding.message().contains("rollback to redis:7.2.4 may be impossible once redis:7 saves (Redis 7.2"
                + " loads REDIS0010, REDIS0011, not REDIS0012)"), finding.message());
    }

    @Test
    void an_old_floating_image_every_release_of_which_wrote_what_the_new_one_loads_passes_and_says_so() {
        Change change = swap(Map.of(), "valkey/valkey:8", "valkey/valkey:9.0.0");

        Finding loads = only(unreadable().evaluate(change));
        assertEquals(Status.PASS, loads.status());
        assertEquals("valkey/valkey:9.0.0 loads what valkey/valkey:8 wrote, whichever of Valkey 8.0 or 8.1 it ran"
                + " (REDIS0011 → VALKEY080)", loads.message());
        Finding rollback = only(oneWay().evaluate(change));
        assertEquals(Status.FAIL, rollback.status());
        assertTrue(rollback.message().startsWith("REDIS0011 → VALKEY080 is one-way: rollback to valkey/valkey:8 will be"
                + " impossible once valkey/valkey:9.0.0 saves (no release valkey/valkey:8 may run loads what"
                + " valkey/valkey:9.0.0 may write: VALKEY080 loads in none of Valkey 8.0, 8.1)"), rollback.message());
    }

    @Test
    void an_old_floating_image_none_of_whose_releases_the_new_one_loads_is_unreadable() {
        Finding finding = only(unreadable().evaluate(swap(Map.of(), "valkey/valkey:9", "redis:7.4.2")));

        assertEquals(Status.FAIL, finding.status());
        assertTrue(finding.message().startsWith("redis:7.4.2 cannot load VALKEY080 or VALKEY081 written by valkey/valkey:9"
                + " (VALKEY080 or VALKEY081 → REDIS0012); no release redis:7.4.2 may run (Redis 7.4) loads what valkey/valkey:9 may"
                + " have written (Valkey 9.0 or 9.1 or 9.2)"), finding.message());
    }

    @Test
    void a_downgrade_gets_one_verdict_unreadable_and_no_reassuring_rollback_warning() {
        Change change = swap(Map.of(), "redis:8.6.0", "redis:8.2.1");

        assertEquals(Status.FAIL, only(unreadable().evaluate(change)).status());
        Finding rollback = only(oneWay().evaluate(change));
        assertEquals(Status.PASS, rollback.status(), rollback.message());
        assertFalse(rollback.message().contains("unverified"), rollback.message());
    }

    @ParameterizedTest(name = "{0} pins {1}")
    @CsvSource({
        "quay.io/opstree/redis:v7.0.15, Redis 7.0 (7.0.15)",
        "quay.io/opstree/redis:7.0.11, Redis 7.0 (7.0.11)",
        "ghcr.io/dragonflydb/dragonfly:v1.24.0, Dragonfly 1.24 (1.24.0)",
        "public.ecr.aws/bitnami/redis:7.2.4-debian-12-r9, Redis 7.2 (7.2.4)",
        "public.ecr.aws/valkey/valkey:8.1.1-alpine, Valkey 8.1 (8.1.1)",
        "mirror.gcr.io/library/redis:7.2.4, Redis 7.2 (7.2.4)",
    })
    void tags_of_quay_ghcr_and_ecr_images_pin_their_release(String image, String release) {
        Finding finding = only(unpinned().evaluate(FormatChecksFixture.create(statefulSet(container("redis", image)))));

        assertEquals(Status.PASS, finding.status(), finding.message());
        assertEquals(image + " pins " + release, finding.message());
    }

    @Test
    void a_v_prefixed_version_the_grammar_does_not_know_is_not_said_to_move_to_every_release() {
        Finding finding = only(unpinned().evaluate(FormatChecksFixture.create(statefulSet(container("redis",
                "registry.corp/redis:v7.0.15")))));

        assertEquals(Status.FAIL, finding.status());
        assertFalse(finding.message().contains("moves to every new release"), finding.message());
        assertTrue(finding.message().contains("the tag v7.0.15 is not a tag form rdb-guard knows"), finding.message());
    }

    @Test
    void an_unpinned_v_prefixed_upgrade_within_a_line_is_judged_by_its_line() {
        Change change = swap(Map.of(), "quay.io/opstree/redis:v7.0.12", "quay.io/opstree/redis:v7.0.15");

        assertEquals(List.of(Status.PASS), oneWay().evaluate(change).stream().map(Finding::status).toList());
        assertEquals(List.of(Status.PASS), unreadable().evaluate(change).stream().map(Finding::status).toList());
    }
}
