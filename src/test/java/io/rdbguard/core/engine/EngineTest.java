package io.rdbguard.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rdbguard.core.check.DescribedCheck;
import io.rdbguard.testing.TestChecks;
import io.rdbguard.core.engine.CheckResult;
import io.rdbguard.core.check.Finding;
import io.rdbguard.core.check.Mode;
import io.rdbguard.core.check.Status;
import io.rdbguard.core.exemption.ExemptionPolicy;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.Operation;
import io.rdbguard.core.workload.Requester;
import io.rdbguard.core.workload.Workload;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EngineTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    static final Workload WORKLOAD = new Workload("StatefulSet", "shop", "cache", Map.of(), Map.of(),
            new Workload.PodTemplate(Map.of(), List.of(), List.of()));

    static Change change(boolean dryRun) {
        return new Change("uid-1", Operation.UPDATE, WORKLOAD, WORKLOAD, new Requester("alice", List.of()), dryRun);
    }

    static DescribedCheck reporting(String id, Finding... findings) {
        return new DescribedCheck(TestChecks.descriptor(id), change -> List.of(findings));
    }

    static final Finding VIOLATION = Finding.fail("redis", "the new image writes REDIS0012", "take a backup");
    static final Finding ADVICE = Finding.warn("redis", "readiness equals liveness", "split them");

    static Stream<Arguments> modes() {
        return Stream.of(
                Arguments.of("a violation in enforce mode denies", Mode.ENFORCE, false, 0, Status.FAIL),
                Arguments.of("a violation in warn mode is allowed with a warning", Mode.WARN, true, 1, Status.WARN),
                Arguments.of("a violation in audit mode is allowed silently", Mode.AUDIT, true, 0, Status.FAIL),
                Arguments.of("a check in off mode does not run", Mode.OFF, true, 0, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void the_mode_decides_what_a_violation_does(String name, Mode mode, boolean allowed, int warnings, Status status) {
        Engine engine = new Engine(List.of(reporting("rdb-one-way", VIOLATION)), new Policy(Map.of("rdb-one-way", mode), ExemptionPolicy.DEFAULT), CLOCK);

        Decision decision = engine.judge(change(false));

        assertEquals(allowed, decision.allowed());
        assertEquals(warnings, decision.warnings().size());
        assertEquals(status, decision.results().stream().map(CheckResult::status).findFirst().orElse(null));
    }

    @Test
    void an_audit_mode_violation_is_shown_as_a_warning_on_a_dry_run() {
        Engine engine = new Engine(List.of(reporting("rdb-one-way", VIOLATION)), new Policy(Map.of("rdb-one-way", Mode.AUDIT), ExemptionPolicy.DEFAULT), CLOCK);

        Decision decision = engine.judge(change(true));

        assertTrue(decision.allowed());
        assertEquals(List.of("rdb-guard audit [rdb-one-way] container redis: the new image writes REDIS0012 Fix: take a backup"),
                decision.warnings());
    }

    @Test
    void advice_never_denies_even_in_enforce_mode() {
        Engine engine = new Engine(List.of(reporting("probe-depth", ADVICE)), new Policy(Map.of("probe-depth", Mode.ENFORCE), ExemptionPolicy.DEFAULT), CLOCK);

        Decision decision = engine.judge(change(false));

        assertTrue(decision.allowed());
        assertEquals(List.of("rdb-guard [probe-depth] container redis: readiness equals liveness Fix: split them"),
                decision.warnings());
    }

    @Test
    void the_denial_message_lists_every_violation_with_check_container_and_fix() {
        Engine engine = new Engine(List.of(
                reporting("rdb-one-way", VIOLATION),
                reporting("probe-depth", Finding.fail("redis", "readiness depth 1 (port) is below 3 (serving)", "compare PING with PONG"))),
                new Policy(Map.of("rdb-one-way", Mode.ENFORCE, "probe-depth", Mode.ENFORCE), ExemptionPolicy.DEFAULT), CLOCK);

        Decision decision = engine.judge(change(false));

        assertFalse(decision.allowed());
        assertEquals("""
                rdb-guard denied StatefulSet shop/cache: 2 violations
                - [rdb-one-way] container redis: the new image writes REDIS0012 Fix: take a backup
                - [probe-depth] container redis: readiness depth 1 (port) is below 3 (serving) Fix: compare PING with PONG""",
                decision.denialMessage());
    }

    @Test
    void a_check_that_throws_becomes_an_error_result_of_that_check_not_a_crash() {
        DescribedCheck broken = new DescribedCheck(TestChecks.descriptor("probe-depth"), change -> {
            throw new IllegalStateException("boom");
        });
        Engine engine = new Engine(List.of(broken), new Policy(Map.of("probe-depth", Mode.ENFORCE), ExemptionPolicy.DEFAULT), CLOCK);

        Decision decision = engine.judge(change(false));

        assertFalse(decision.allowed());
        assertEquals(Status.ERROR, decision.results().get(0).status());
        assertTrue(decision.denialMessage().contains("IllegalStateException: boom"), decision.denialMessage());
    }

    @Test
    void a_check_the_policy_does_not_name_runs_in_its_default_mode() {
        Engine engine = new Engine(List.of(reporting("probe-depth", VIOLATION)), Policy.DEFAULTS, CLOCK);

        Decision decision = engine.judge(change(false));

        assertEquals(Mode.ENFORCE, TestChecks.descriptor("probe-depth").defaultMode());
        assertFalse(decision.allowed(), "enforce, the stand-in check's default, denies");
    }

    @Test
    @DisplayName("warnings are one line, at most 120 characters, without duplicates, and few")
    void warnings_are_short_single_lines_without_duplicates() {
        Finding longOne = Finding.warn("redis", "x".repeat(300), "");
        Finding withNewline = Finding.warn("redis", "first line\nsecond line", "");
        Engine engine = new Engine(List.of(reporting("probe-depth", longOne, withNewline, withNewline)),
                new Policy(Map.of("probe-depth", Mode.ENFORCE), ExemptionPolicy.DEFAULT), CLOCK);

        List<String> warnings = engine.judge(change(false)).warnings();

        assertEquals(2, warnings.size());
        assertEquals(Decision.WARNING_LENGTH, warnings.get(0).length());
        assertTrue(warnings.get(0).startsWith("[probe-depth] container redis: xxx"), warnings.get(0));
        assertTrue(warnings.get(0).endsWith("…"));
        assertEquals("rdb-guard [probe-depth] container redis: first line second line", warnings.get(1));
    }

    @Test
    void more_warnings_than_the_limit_end_with_a_count_of_the_rest() {
        Finding[] many = Stream.iterate(1, i -> i + 1).limit(20)
                .map(i -> Finding.warn("c" + i, "advice " + i, "")).toArray(Finding[]::new);
        Engine engine = new Engine(List.of(reporting("probe-depth", many)), new Policy(Map.of("probe-depth", Mode.WARN), ExemptionPolicy.DEFAULT), CLOCK);

        List<String> warnings = engine.judge(change(false)).warnings();

        assertEquals(Decision.MAX_WARNINGS, warnings.size());
        assertEquals("rdb-guard: 13 more warnings not shown; the rdb-guard log has them all",
                warnings.get(warnings.size() - 1));
    }
}
