package io.rdbguard.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rdbguard.core.check.Mode;
import io.rdbguard.core.check.Status;
import io.rdbguard.core.engine.CheckResult;
import io.rdbguard.core.engine.Decision;
import io.rdbguard.core.exemption.Exemption;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.Container;
import io.rdbguard.core.workload.HelmCharts;
import io.rdbguard.core.workload.Operation;
import io.rdbguard.core.workload.Requester;
import io.rdbguard.core.workload.Workload;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The decision log as an operator reads it (issue 15: a line per decision wrote 2 GB in one benchmark): each denial
 * and each use of an exemption is a line; decisions allowed with warnings are sampled, one INFO line per interval
 * that says how many it stands for. The interval passes on a clock of the test's own, not by waiting.
 */
class DecisionLogTest {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private final Logger decisions = Logger.getLogger("io.rdbguard.decisions");
    private final List<Line> lines = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            Map<String, String> mdc = record instanceof ExtLogRecord ext ? ext.getMdcCopy() : Map.of();
            lines.add(new Line(record.getLevel(), ext(record), mdc));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level levelBefore;
    private long now;

    record Line(Level level, String message, Map<String, String> fields) {
    }

    @BeforeEach
    void capture() {
        levelBefore = decisions.getLevel();
        decisions.setLevel(Level.INFO);
        decisions.addHandler(capture);
    }

    @AfterEach
    void release() {
        decisions.removeHandler(capture);
        decisions.setLevel(levelBefore);
    }

    @Test
    void a_denial_is_one_info_line_with_its_fields() {
        judge(result(Mode.ENFORCE, Status.FAIL, null)).judge(change("uid-1"));

        assertEquals(1, lines.size(), lines.toString());
        Line line = lines.get(0);
        assertEquals(Level.INFO, line.level());
        assertEquals("denied", line.fields().get("verdict"));
        assertEquals("uid-1", line.fields().get("uid"));
        assertEquals("rdb-one-way", line.fields().get("checks"));
        assertTrue(line.message().startsWith("denied UPDATE StatefulSet mastodon/mastodon-redis-master | "), line.message());
    }

    @Test
    void every_use_of_an_exemption_is_an_info_line_naming_who_granted_it_and_why() {
        LoggingJudge judge = judge(result(Mode.ENFORCE, Status.SKIP, new Exemption(Set.of("rdb-one-way"),
                "restore tested in staging", Instant.parse("2026-12-31T00:00:00Z"), Set.of(), "alice@example.com")));

        judge.judge(change("uid-1"));
        judge.judge(change("uid-2"));

        assertEquals(List.of("uid-1", "uid-2"), lines.stream().map(l -> l.fields().get("uid")).toList());
        assertEquals(Level.INFO, lines.get(1).level());
        assertEquals("allowed by exemption", lines.get(1).fields().get("verdict"));
        assertTrue(lines.get(1).message().contains("granted by alice@example.com: restore tested in staging"),
                lines.get(1).message());
    }

    @Test
    void warnings_are_one_info_line_per_interval_that_counts_the_decisions_it_stands_for() {
        LoggingJudge judge = judge(result(Mode.WARN, Status.WARN, null));

        judge.judge(change("uid-1"));
        judge.judge(change("uid-2"));
        judge.judge(change("uid-3"));
        now += INTERVAL.toNanos() - 1;
        judge.judge(change("uid-4"));
        now += 1;
        judge.judge(change("uid-5"));

        assertEquals(List.of("uid-1", "uid-5"), lines.stream().map(l -> l.fields().get("uid")).toList());
        assertEquals("allowed with findings", lines.get(1).fields().get("verdict"));
        assertEquals("0", lines.get(0).fields().get("suppressed"));
        assertEquals("3", lines.get(1).fields().get("suppressed"));
        assertTrue(lines.get(1).message().endsWith(" | 3 more allowed with findings since the previous line of this kind"
                + " (sampled: DEBUG shows each)"), lines.get(1).message());
    }

    @Test
    void at_debug_every_warned_decision_is_a_line_and_the_sample_stays_at_info() {
        decisions.setLevel(Level.FINE);
        LoggingJudge judge = judge(result(Mode.AUDIT, Status.FAIL, null));

        judge.judge(change("uid-1"));
        judge.judge(change("uid-2"));

        assertEquals(List.of(Level.INFO, org.jboss.logmanager.Level.DEBUG), lines.stream().map(Line::level).toList());
    }

    @Test
    void the_pods_own_warm_up_reviews_are_not_logged_at_info() {
        judge(result(Mode.ENFORCE, Status.FAIL, null)).judge(change(WarmUp.UID_PREFIX + "denied-one-way"));

        assertEquals(List.of(), lines);
    }

    @Test
    void with_the_decision_log_off_nothing_is_written() {
        decisions.setLevel(Level.WARNING);
        LoggingJudge judge = judge(result(Mode.ENFORCE, Status.FAIL, null));

        judge.judge(change("uid-1"));

        assertEquals(List.of(), lines);
    }

    private LoggingJudge judge(CheckResult result) {
        return new LoggingJudge(change -> Decision.of(change, List.of(result), HelmCharts.NONE), MeteredJudge.ADMISSION,
                INTERVAL, () -> now);
    }

    private static CheckResult result(Mode mode, Status status, Exemption exemption) {
        return new CheckResult("rdb-one-way", mode, status, "redis", "REDIS0011 → REDIS0012 is one-way", "take a backup",
                exemption, false);
    }

    private static Change change(String uid) {
        Workload workload = new Workload("StatefulSet", "mastodon", "mastodon-redis-master", Map.of(), Map.of(),
                new Workload.PodTemplate(Map.of(), List.of(), List.of(
                        new Container("redis", "redis:7.4.2", false, List.of(), null, null, null))));
        return new Change(uid, Operation.UPDATE, workload, workload, new Requester("alice@example.com", List.of()), false);
    }

    private static String ext(LogRecord record) {
        return record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
    }
}
