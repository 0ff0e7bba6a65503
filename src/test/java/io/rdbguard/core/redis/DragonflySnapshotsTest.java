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
import io.rdbguard.core.workload.Container;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 13: Dragonfly writes its own .dfs snapshot unless its df_snapshot_format flag is off. */
class DragonflySnapshotsTest {

    private static final String DRAGONFLY = "ghcr.io/dragonflydb/dragonfly:v1.24.0";

    private static Container dragonfly(String args, String env) {
        List<Container.EnvVar> vars = env.isEmpty() ? List.of()
                : List.of(new Container.EnvVar(env.substring(0, env.indexOf('=')), env.substring(env.indexOf('=') + 1), false));
        return new Container("db", DRAGONFLY, false, List.of(), null, null, null, new Container.Runtime(List.of(),
                args.isEmpty() ? List.of() : Arrays.asList(args.split(" ")), vars, List.of()));
    }

    @Test
    void a_default_dragonfly_replacing_redis_writes_dfs_which_no_redis_loads() {
        Change change = update(statefulSet(container("db", "redis:7.2.4")), statefulSet(dragonfly("", "")));

        assertEquals(Status.PASS, only(unreadable().evaluate(change)).status(), "Dragonfly 1.24 loads REDIS0011");
        Finding finding = only(oneWay().evaluate(change));
        assertEquals(Status.FAIL, finding.status());
        assertTrue(finding.message().startsWith("REDIS0011 → DFS000001 is one-way: rollback to redis:7.2.4 will be"
                + " impossible once " + DRAGONFLY + " saves (Redis 7.2 cannot load DFS000001)"), finding.message());
    }

    @Test
    void redis_replacing_a_default_dragonfly_starts_empty() {
        Change change = update(statefulSet(dragonfly("", "")), statefulSet(container("db", "redis:7.2.4")));

        Finding finding = only(unreadable().evaluate(change));
        assertEquals(Status.FAIL, finding.status());
        assertTrue(finding.message().startsWith("redis:7.2.4 cannot load DFS000001 written by " + DRAGONFLY
                + " (DFS000001 → REDIS0011): the pods will start with an empty dataset"), finding.message());
    }

    @ParameterizedTest(name = "dragonfly {0} {1} writes RDB, which Redis 7.2 loads")
    @CsvSource(delimiter = '|', value = {
        "--logtostderr --df_snapshot_format=false |",
        "--nodf_snapshot_format                   |",
        "-df_snapshot_format=0                    |",
        "--logtostderr                            | DFLY_df_snapshot_format=false",
    })
    void a_dragonfly_told_to_write_rdb_can_be_replaced_by_redis(String args, String env) {
        Change change = update(statefulSet(dragonfly(args, env == null ? "" : env)), statefulSet(container("db", "redis:7.2.4")));

        Finding finding = only(unreadable().evaluate(change));
        assertEquals(Status.PASS, finding.status(), finding.message());
        assertTrue(finding.message().contains("(REDIS0009 → REDIS0011)"), finding.message());
    }

    @Test
    void the_command_line_wins_over_the_environment() {
        Change change = update(statefulSet(dragonfly("--df_snapshot_format=true", "DFLY_df_snapshot_format=false")),
                statefulSet(container("db", "redis:7.2.4")));

        assertEquals(Status.FAIL, only(unreadable().evaluate(change)).status());
    }
}
