package io.rdbguard.core.exemption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rdbguard.core.check.DescribedCheck;
import io.rdbguard.testing.TestChecks;
import io.rdbguard.core.engine.CheckResult;
import io.rdbguard.core.check.Finding;
import io.rdbguard.core.check.Mode;
import io.rdbguard.core.check.Status;
import io.rdbguard.core.engine.Decision;
import io.rdbguard.core.engine.Engine;
import io.rdbguard.core.engine.Policy;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.Container;
import io.rdbguard.core.workload.Operation;
import io.rdbguard.core.workload.Requester;
import io.rdbguard.core.workload.Workload;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Exemptions with a fixed clock: 2026-11-25T12:00:00Z. */
class ExemptionsTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Requester ALICE = new Requester("alice@example.com", List.of("developers"));
    static final Requester ADMIN = new Requester("ops@example.com", List.of("platform-admins"));

    /** Two checks that always fail, on the redis container and on the exporter. */
    static final List<DescribedCheck> CHECKS = List.of(failing("probe-depth"), failing("rdb-one-way"));
    static final Map<String, Mode> MODES = Map.of("probe-depth", Mode.ENFORCE, "rdb-one-way", Mode.ENFORCE);

    static DescribedCheck failing(String id) {
        return new DescribedCheck(TestChecks.descriptor(id), change -> List.of(
                Finding.fail("redis", id + " fails on redis", "fix redis"),
                Finding.fail("exporter", id + " fails on exporter", "fix exporter")));
    }

    static Workload workload(Map<String, String> annotations) {
        Container redis = new Container("redis", "redis:7.2.4", false, List.of(), null, null, null);
        Container exporter = new Container("exporter", "oliver006/redis_exporter:v1.62.0", false, List.of(), null, null, null);
        return new Workload("StatefulSet", "shop", "cache", Map.of(), annotations,
                new Workload.PodTemplate(Map.of(), List.of(), List.of(redis, exporter)));
    }

    static Map<String, String> exemption(String checks, String until) {
        Map<String, String> annotations = new HashMap<>();
        annotations.put("rdb-guard.io/exempt", checks);
        annotations.put("rdb-guard.io/exempt-reason", "INC-42: moving to Valkey this week");
        annotations.put("rdb-guard.io/exempt-until", until);
        return annotations;
    }

    static Decision judge(ExemptionPolicy exemptions, Map<String, String> before, Map<String, String> after, Requester who) {
        Engine engine = new Engine(CHECKS, new Policy(MODES, exemptions), CLOCK);
        Workload previous = before == null ? null : workload(before);
        return engine.judge(new Change("uid", previous == null ? Operation.CREATE : Operation.UPDATE, workload(after),
                previous, who, false));
    }

    static Decision judge(Map<String, String> after) {
        return judge(ExemptionPolicy.DEFAULT, Map.of(), after, ALICE);
    }

    static List<String> exemptionProblems(Decision decision) {
        return decision.results().stream().filter(r -> r.checkId().equals(Exemptions.CHECK_ID))
                .map(CheckResult::message).toList();
    }

    @Test
    void an_exemption_skips_the_named_check_with_its_provenance_and_warns() {
        Decision decision = judge(exemption("probe-depth", "2026-12-01T00:00:00Z"));

        assertFalse(decision.allowed(), "rdb-one-way is not exempted");
        CheckResult skipped = decision.results().stream().filter(r -> r.checkId().equals("probe-depth")).findFirst().orElseThrow();
        assertEquals(Status.SKIP, skipped.status());
        assertEquals("INC-42: moving to Valkey this week", skipped.exemption().reason());
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), skipped.exemption().until());
        assertEquals("alice@example.com", skipped.exemption().grantedBy());
        assertEquals("rdb-guard.io/exempt honoured for probe-depth until 2026-12-01T00:00:00Z: INC-42: moving to Valkey this week",
                decision.warnings().get(0));
    }

    @Test
    void exempting_every_failing_check_allows_the_change() {
        assertTrue(judge(exemption("probe-depth, rdb-one-way", "2026-12-01T00:00:00Z")).allowed());
    }

    @ParameterizedTest(name = "exempt-until {0} → honoured: {1}")
    @CsvSource({
            "2026-11-25T12:00:00Z,      false",  // the boundary instant itself: expired
            "2026-11-25T12:00:01Z,      true",
            "2026-11-25T13:00:00+01:00, false",  // the same instant as 12:00Z, written in another zone
            "2026-11-25T13:00:01+01:00, true",
            "2026-12-25T12:00:00Z,      true",   // exactly the 30-day horizon
            "2026-12-25T12:00:01Z,      false",  // one second beyond it
    })
    void expiry_and_horizon_are_exact_at_their_boundaries_in_any_time_zone(String until, boolean honoured) {
        Decision decision = judge(exemption("probe-depth,rdb-one-way", until));

        assertEquals(honoured, decision.allowed(), decision.denialMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", textBlock = """
            an expired exemption           => probe-depth        => 2026-11-24T12:00:00Z => the exemption expired at 2026-11-24T12:00:00Z (24 hours ago)
            an unknown check id            => probe-deep         => 2026-12-01T00:00:00Z => rdb-guard.io/exempt names "probe-deep", which is not a check id
            all, not allowed by the policy => all                => 2026-12-01T00:00:00Z => rdb-guard.io/exempt=all is not allowed by the policy (exemptions.allowAll)
            an empty list of checks        => ' , '              => 2026-12-01T00:00:00Z => rdb-guard.io/exempt is empty
            a date without a zone          => probe-depth        => 2026-12-01T00:00:00  => rdb-guard.io/exempt-until="2026-12-01T00:00:00" is not an RFC 3339 time with a zone
            a date beyond the horizon      => probe-depth        => 2027-06-01T00:00:00Z => rdb-guard.io/exempt-until=2027-06-01T00:00:00Z is 187 days and 12 hours ahead, more than the 30 days allowed
            an hour beyond the horizon     => probe-depth        => 2026-12-25T13:00:00Z => rdb-guard.io/exempt-until=2026-12-25T13:00:00Z is 30 days and 1 hour ahead, more than the 30 days allowed
            a second beyond the horizon    => probe-depth        => 2026-12-25T12:00:01Z => rdb-guard.io/exempt-until=2026-12-25T12:00:01Z is 30 days and 1 second ahead, more than the 30 days allowed
            """)
    void a_bad_exemption_is_denied_with_what_to_fix(String name, String checks, String until, String message) {
        Decision decision = judge(exemption(checks, until));

        assertFalse(decision.allowed());
        assertTrue(exemptionProblems(decision).stream().anyMatch(m -> m.startsWith(message)), exemptionProblems(decision).toString());
        assertTrue(decision.results().stream().noneMatch(r -> r.status() == Status.SKIP), "a bad exemption exempts nothing");
    }

    @Test
    void a_missing_or_overlong_reason_is_denied() {
        Map<String, String> noReason = exemption("probe-depth", "2026-12-01T00:00:00Z");
        noReason.remove("rdb-guard.io/exempt-reason");
        Map<String, String> longReason = exemption("probe-depth", "2026-12-01T00:00:00Z");
        longReason.put("rdb-guard.io/exempt-reason", "x".repeat(501));

        assertEquals(List.of("rdb-guard.io/exempt-reason is missing; an exemption needs a reason"), exemptionProblems(judge(noReason)));
        assertEquals(List.of("rdb-guard.io/exempt-reason is 501 characters long, more than 500"), exemptionProblems(judge(longReason)));
    }

    @Test
    void a_reason_without_the_exempt_annotation_is_denied_rather_than_ignored() {
        Map<String, String> orphan = exemption("probe-depth", "2026-12-01T00:00:00Z");
        orphan.remove("rdb-guard.io/exempt");

        assertTrue(exemptionProblems(judge(orphan)).get(0).startsWith("rdb-guard.io/exempt is missing"));
    }

    @Test
    void all_exempts_every_check_when_the_policy_allows_it_except_those_never_exempted() {
        ExemptionPolicy allowAll = new ExemptionPolicy(Duration.ofDays(30), true, Set.of("rdb-one-way"), Set.of(), Set.of());

        Decision decision = judge(allowAll, Map.of(), exemption("all", "2026-12-01T00:00:00Z"), ALICE);

        assertFalse(decision.allowed(), "rdb-one-way can never be exempted");
        assertTrue(decision.results().stream().filter(r -> r.checkId().equals("probe-depth")).allMatch(r -> r.status() == Status.SKIP));
    }

    @Test
    void a_check_the_policy_never_exempts_is_denied_by_name() {
        ExemptionPolicy never = new ExemptionPolicy(Duration.ofDays(30), false, Set.of("rdb-one-way"), Set.of(), Set.of());

        Decision decision = judge(never, Map.of(), exemption("rdb-one-way", "2026-12-01T00:00:00Z"), ALICE);

        assertEquals(List.of("the policy does not allow exempting rdb-one-way (exemptions.neverExempt)"), exemptionProblems(decision));
    }

    @Test
    void a_container_scope_exempts_only_the_named_containers() {
        Map<String, String> scoped = exemption("probe-depth,rdb-one-way", "2026-12-01T00:00:00Z");
        scoped.put("rdb-guard.io/exempt-containers", "exporter");

        Decision decision = judge(scoped);

        assertFalse(decision.allowed());
        assertTrue(decision.denials().stream().allMatch(r -> r.container().equals("redis")));
        assertTrue(decision.results().stream().filter(r -> r.container().equals("exporter")).allMatch(r -> r.status() == Status.SKIP));
    }

    @Test
    void a_container_scope_naming_an_unknown_container_is_denied() {
        Map<String, String> scoped = exemption("probe-depth", "2026-12-01T00:00:00Z");
        scoped.put("rdb-guard.io/exempt-containers", "redis2");

        assertEquals(List.of("rdb-guard.io/exempt-containers names \"redis2\", which is not a container of StatefulSet shop/cache"),
                exemptionProblems(judge(scoped)));
    }

    static final ExemptionPolicy GRANTORS = new ExemptionPolicy(Duration.ofDays(30), false, Set.of(),
            Set.of("lead@example.com"), Set.of("platform-admins"));

    @Test
    void a_user_outside_the_grantors_cannot_add_an_exemption() {
        Decision decision = judge(GRANTORS, Map.of(), exemption("probe-depth", "2026-12-01T00:00:00Z"), ALICE);

        assertEquals(List.of("user \"alice@example.com\" may not add or change rdb-guard.io/exempt* annotations"),
                exemptionProblems(decision));
    }

    @Test
    void a_member_of_a_grantor_group_can_add_an_exemption() {
        Decision decision = judge(GRANTORS, Map.of(), exemption("probe-depth,rdb-one-way", "2026-12-01T00:00:00Z"), ADMIN);

        assertTrue(decision.allowed());
        assertEquals("ops@example.com", decision.results().get(0).exemption().grantedBy());
    }

    @Test
    void an_exemption_carried_over_unchanged_stays_honoured_whoever_makes_the_update() {
        Map<String, String> granted = exemption("probe-depth,rdb-one-way", "2026-12-01T00:00:00Z");

        Decision decision = judge(GRANTORS, granted, granted, ALICE);

        assertTrue(decision.allowed(), decision.denialMessage());
        assertNull(decision.results().get(0).exemption().grantedBy(), "granted by an earlier request, not alice");
    }

    @Test
    void changing_a_carried_over_exemption_is_granting_it_again() {
        Map<String, String> granted = exemption("probe-depth", "2026-12-01T00:00:00Z");
        Map<String, String> extended = exemption("probe-depth", "2026-12-20T00:00:00Z");

        assertEquals(1, exemptionProblems(judge(GRANTORS, granted, extended, ALICE)).size());
    }

    @Test
    void an_expired_exemption_carried_over_is_denied_until_removed() {
        Map<String, String> expired = exemption("probe-depth", "2026-11-20T00:00:00Z");

        Decision decision = judge(GRANTORS, expired, expired, ADMIN);

        assertTrue(exemptionProblems(decision).get(0).startsWith("the exemption expired at 2026-11-20T00:00:00Z"));
    }

    @Test
    void exemption_annotations_on_the_pod_template_count_too() {
        Container redis = new Container("redis", "redis:7.2.4", false, List.of(), null, null, null);
        Workload templated = new Workload("StatefulSet", "shop", "cache", Map.of(), Map.of(),
                new Workload.PodTemplate(exemption("probe-depth,rdb-one-way", "2026-12-01T00:00:00Z"), List.of(), List.of(redis)));
        Engine engine = new Engine(CHECKS, new Policy(MODES, ExemptionPolicy.DEFAULT), CLOCK);

        assertTrue(engine.judge(new Change("uid", Operation.CREATE, templated, null, ALICE, false)).allowed());
    }

    static Change templated(Map<String, String> objectAnnotations, Map<String, String> templateAnnotations) {
        Container redis = new Container("redis", "redis:7.2.4", false, List.of(), null, null, null);
        Workload workload = new Workload("StatefulSet", "shop", "cache", Map.of(), objectAnnotations,
                new Workload.PodTemplate(templateAnnotations, List.of(), List.of(redis)));
        return new Change("uid", Operation.CREATE, workload, null, ALICE, false);
    }

    @Test
    void an_exemption_is_never_assembled_from_keys_in_two_places() {
        Map<String, String> onObject = new HashMap<>(exemption("probe-depth,rdb-one-way", "2026-12-01T00:00:00Z"));
        onObject.remove("rdb-guard.io/exempt-until");
        Engine engine = new Engine(CHECKS, new Policy(MODES, ExemptionPolicy.DEFAULT), CLOCK);

        Decision decision = engine.judge(templated(onObject, Map.of("rdb-guard.io/exempt-until", "2026-12-01T00:00:00Z")));

        assertFalse(decision.allowed(), "an end on the pod template does not complete an exemption on the object");
        assertEquals(List.of("rdb-guard.io/exempt* annotations are set both on the StatefulSet and on the pod template, with"
                + " different values; an exemption is read from one place"), exemptionProblems(decision));
    }

    @Test
    void the_same_exemption_in_both_places_counts_once() {
        Map<String, String> both = exemption("probe-depth,rdb-one-way", "2026-12-01T00:00:00Z");
        Engine engine = new Engine(CHECKS, new Policy(MODES, ExemptionPolicy.DEFAULT), CLOCK);

        assertTrue(engine.judge(templated(both, both)).allowed());
    }
}
