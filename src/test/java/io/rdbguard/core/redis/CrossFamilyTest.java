package io.rdbguard.core.redis;

import static io.rdbguard.core.redis.FormatChecksFixture.container;
import static io.rdbguard.core.redis.FormatChecksFixture.oneWay;
import static io.rdbguard.core.redis.FormatChecksFixture.only;
import static io.rdbguard.core.redis.FormatChecksFixture.statefulSet;
import static io.rdbguard.core.redis.FormatChecksFixture.unreadable;
import static io.rdbguard.core.redis.FormatChecksFixture.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rdbguard.core.check.Finding;
import io.rdbguard.core.check.Status;
import io.rdbguard.core.workload.Change;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Swaps across families, each verdict resting on catalog rows with their sources (reference/redis-family-formats.md:
 * rdb.h RDB_VERSION, the load checks of rdb.c, and loads observed on Debian's servers).
 */
class CrossFamilyTest {

    @ParameterizedTest(name = "{0} → {1}: rdb-unreadable {2}, rdb-one-way {3}")
    @CsvSource(delimiter = '|', value = {
        // Redis 8.0 writes REDIS0012, which no Valkey loads by default; Redis loads no VALKEY file.
        "redis:8.0.2                       | valkey/valkey:9.0.0               | FAIL | FAIL | Can't handle RDB format version 12",
        "valkey/valkey:9.0.0               | redis:8.0.2                       | FAIL | FAIL | Wrong signature",
        "valkey/valkey:8.1.1               | redis:8.0.2                       | PASS | FAIL | ",
        "redis:7.2.4                       | valkey/valkey:8.1.1               | PASS | PASS | ",
        // KeyDB loads REDIS up to 9 and writes 9.
        "eqalpha/keydb:x86_64_v6.3.4       | redis:7.2.4                       | PASS | FAIL | ",
        "redis:6.2.14                      | eqalpha/keydb:x86_64_v6.3.4       | PASS | PASS | ",
        "redis:7.0.15                      | eqalpha/keydb:x86_64_v6.3.4       | FAIL | PASS | Can't handle RDB format version 10",
        // Redict 7.3 writes REDIS0012 (observed), loads up to 12 and no VALKEY file.
        "registry.redict.io/redict:7.3.0   | valkey/valkey:9.0.0               | FAIL | FAIL | Can't handle RDB format version 12",
        "valkey/valkey:8.0.1               | registry.redict.io/redict:7.3.0   | PASS | FAIL | ",
        // Dragonfly's default .dfs snapshot is Dragonfly's alone.
        "ghcr.io/dragonflydb/dragonfly:v1.24.0 | valkey/valkey:8.1.1           | FAIL | PASS | start with an empty dataset",
        "valkey/valkey:8.1.1               | ghcr.io/dragonflydb/dragonfly:v1.24.0 | PASS | FAIL | ",
    })
    void each_cross_family_swap_gets_the_verdicts_its_catalog_facts_give(String oldImage, String newImage,
            Status unreadableStatus, Status oneWayStatus, String consequence) {
        Change change = update(statefulSet(container("db", oldImage)), statefulSet(container("db", newImage)));

        Finding unreadable = only(unreadable().evaluate(change));
        assertEquals(unreadableStatus, unreadable.status(), unreadable.message());
        if (consequence != null) {
            assertTrue(unreadable.message().contains(consequence), unreadable.message());
        }
        Finding oneWay = only(oneWay().evaluate(change));
        assertEquals(oneWayStatus, oneWay.status(), oneWay.message());
    }
}
