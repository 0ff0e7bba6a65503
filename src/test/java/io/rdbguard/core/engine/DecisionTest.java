package io.rdbguard.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rdbguard.core.check.DescribedCheck;
import io.rdbguard.core.check.Finding;
import io.rdbguard.core.check.Mode;
import io.rdbguard.core.exemption.ExemptionPolicy;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.Container;
import io.rdbguard.core.workload.HelmCharts;
import io.rdbguard.core.workload.Operation;
import io.rdbguard.core.workload.Requester;
import io.rdbguard.core.workload.Workload;
import io.rdbguard.testing.TestChecks;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The texts a user reads: warnings shortened without losing the fix, repeated advice said once, Helm hints that fit. */
class DecisionTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    static final String ANNOTATE = "kubectl annotate statefulset mastodon-redis-master -n mastodon --overwrite"
            + " rdb-guard.io/backup='<where the backup is>' rdb-guard.io/backup-taken-at=\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\"";
    static final Map<String, String> HELM = Map.of("meta.helm.sh/release-name", "mastodon",
            "meta.helm.sh/release-namespace", "mastodon");

    static Workload workload(Map<String, String> labels, Map<String, String> annotations, String image) {
        return new Workload("StatefulSet", "mastodon", "mastodon-redis-master", labels, annotations,
                new Workload.PodTemplate(Map.of(), List.of(), List.of(
                        new Container("redis", image, false, List.of(), null, null, null))));
    }

    static Change update(Workload before, Workload after) {
        return new Change("uid-1", Operation.UPDATE, after, before, Requester.UNKNOWN, false);
    }

    static Change imageBump(Map<String, String> labels) {
        return update(workload(labels, HELM, "redis:7.2.4"), workload(labels, HELM, "redis:7.4.2"));
    }

    static Decision judge(Change change, Mode mode, HelmCharts charts, Finding... findings) {
        DescribedCheck check = new DescribedCheck(TestChecks.descriptor("rdb-one-way"), c -> List.of(findings));
        return new Engine(List.of(check), new Policy(Map.of("rdb-one-way", mode), ExemptionPolicy.DEFAULT), CLOCK, charts)
                .judge(change);
    }

    // --- warnings: the fix is never cut ---

    /** Observed: warnings were cut mid-word at 120 characters, losing the age and the fix. */
    @Test
    void a_long_warning_keeps_its_check_container_and_whole_fix_and_drops_the_middle_of_the_problem() {
        Finding oneWay = Finding.fail("redis", "REDIS0011 → REDIS0012 is one-way: rollback to docker.io/bitnami/redis:7.2.5-debian-12-r4"
                + " will be impossible once docker.io/bitnami/redis:7.4.3-debian-12-r0 saves (Redis 7.2 cannot load REDIS0012)",
                "back up the data (BGSAVE, copy the dump) and record it: " + ANNOTATE);

        String warning = judge(imageBump(Map.of()), Mode.WARN, HelmCharts.NONE, oneWay).warnings().get(0);

        assertTrue(warning.startsWith("[rdb-one-way] container redis: REDIS0011 → REDIS0012 is one-way"), warning);
        assertTrue(warning.endsWith("… Fix: back up the data (BGSAVE, copy the dump) and record it: " + ANNOTATE), warning);
        assertTrue(warning.length() <= 4096 / Decision.MAX_WARNINGS, "never long enough to start kube-apiserver's truncation");
        assertTrue(warning.length() <= 31 + 60 + " Fix: back up the data (BGSAVE, copy the dump) and record it: ".length()
                + ANNOTATE.length(), "the fix is too long for 256 characters, so the problem keeps at most its first 60: " + warning);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a warning that fits keeps everything                | readiness equals liveness     | split them | rdb-guard [rdb-one-way] container redis: readiness equals liveness Fix: split them",
        "a warning without a fix is cut at the end, in words | allowed by a backup taken 3 hours ago on the pod template (s3://backups/cache): REDIS0011 → VALKEY080 is one-way: rollback to redis:7.2.4 will be impossible | '' | [rdb-one-way] container redis: allowed by a backup taken 3 hours ago on the pod template (s3://backups/cache):…",
        "a short fix keeps the line within 120 characters    | liveness timeoutSeconds 6 is not below periodSeconds 5: a slow probe delays the next one, so failures are noticed later than planned | set timeoutSeconds to 4 | [rdb-one-way] container redis: liveness timeoutSeconds 6 is not below periodSeconds 5: a… Fix: set timeoutSeconds to 4",
    })
    void warnings_are_shortened_by_dropping_the_prefix_and_the_middle(String name, String message, String fix, String expected) {
        List<String> warnings = judge(imageBump(Map.of()), Mode.WARN, HelmCharts.NONE, Finding.fail("redis", message, fix)).warnings();

        assertEquals(List.of(expected), warnings);
        assertTrue(expected.length() <= Decision.WARNING_LENGTH);
    }

    // --- advice that repeats on every change ---

    /** Observed: a stock chart got the same probe advice on every change, one warning per container and probe, filling the cap. */
    @Test
    void findings_a_change_did_not_cause_are_summarised_in_one_warning_per_check_and_workload() {
        Finding[] repeated = {
            Finding.warn("redis", "liveness timeoutSeconds 6 is not below periodSeconds 5", "set 4").asRepeated(),
            Finding.warn("redis", "liveness also checks another pod", "check only this server").asRepeated(),
            Finding.warn("sentinel", "liveness timeoutSeconds 6 is not below periodSeconds 5", "set 4").asRepeated(),
            Finding.warn("metrics", "readiness probe port 9121 is not declared", "declare it").asRepeated(),
        };
        Finding fresh = Finding.warn("redis", "readiness and liveness run the same check", "split them");
        Finding[] all = {repeated[0], repeated[1], repeated[2], repeated[3], fresh};

        Decision decision = judge(imageBump(Map.of()), Mode.ENFORCE, HelmCharts.NONE, all);

        assertEquals(List.of(
                "rdb-guard [rdb-one-way] container redis: readiness and liveness run the same check Fix: split them",
                "[rdb-one-way] 4 findings not caused by this change; rdb-guard audit lists them: containers metrics, redis,"
                        + " sentinel"), decision.warnings());
        assertEquals(5, decision.results().size(), "the log and the reports still have each one");
    }

    @Test
    void a_single_finding_a_change_did_not_cause_is_shown_as_it_is() {
        Finding repeated = Finding.warn("redis", "readiness and liveness run the same check", "split them").asRepeated();

        assertEquals(List.of("rdb-guard [rdb-one-way] container redis: readiness and liveness run the same check Fix: split them"),
                judge(imageBump(Map.of()), Mode.ENFORCE, HelmCharts.NONE, repeated).warnings());
    }

    @Test
    void a_repeated_violation_still_denies_and_is_listed_in_the_denial() {
        Finding shallow = Finding.fail("redis", "readiness depth 1 (port) is below the minimum 3 (serving)", "use exec").asRepeated();

        Decision decision = judge(imageBump(Map.of()), Mode.ENFORCE, HelmCharts.NONE, shallow, shallow);

        assertFalse(decision.allowed());
        assertEquals(2, decision.denialMessage().lines().filter(l -> l.startsWith("- [rdb-one-way] container redis")).count());
    }

    @Test
    void on_an_update_that_leaves_the_pod_template_as_it_was_the_summary_says_nothing_of_it_denies() {
        Workload before = workload(Map.of(), HELM, "redis:7.2.4");
        Workload annotated = workload(Map.of(), Map.of("team", "cache"), "redis:7.2.4");
        Finding advice = Finding.warn("redis", "readiness depth 1 (port) is below the minimum 3 (serving)", "use exec").asRepeated();

        List<String> warnings = judge(update(before, annotated), Mode.ENFORCE, HelmCharts.NONE, advice, advice).warnings();

        assertEquals(1, warnings.size(), warnings::toString);
        assertEquals("[rdb-one-way] 2 findings, none enforced as the pod template is unchanged; rdb-guard audit"
                + " lists them: container redis", warnings.get(0));
    }

    // --- Helm hints ---

    static final Finding NEEDS_BACKUP = Finding.fail("redis", "REDIS0011 → REDIS0012 is one-way",
            "back up the data and record it: " + ANNOTATE);
    static final Finding SHALLOW_PROBE = Finding.fail("redis", "readiness depth 1 (port) is below the minimum 3 (serving)",
            "use readinessProbe exec: [sh, -c, '[ \"$(redis-cli ping)\" = PONG ]']");
    static final HelmCharts BITNAMI = new HelmCharts(Set.of("redis", "valkey"));

    /** Observed: the commonAnnotations hint was offered for charts that have no such value. */
    @Test
    void a_chart_known_to_set_common_annotations_gets_the_helm_values_hint() {
        String message = judge(imageBump(Map.of("helm.sh/chart", "redis-19.6.4")), Mode.ENFORCE, BITNAMI, NEEDS_BACKUP).denialMessage();

        assertTrue(message.endsWith("\nIt belongs to Helm release mastodon in mastodon (chart redis-19.6.4): set the rdb-guard.io/*"
                + " annotations through the chart's commonAnnotations (helm upgrade ... --set-string"
                + " 'commonAnnotations.rdb-guard\\.io/backup=...'), or annotate the live object first (kubectl annotate);"
                + " Helm keeps annotations its chart does not set."), message);
    }

    @ParameterizedTest(name = "chart label {0}")
    @CsvSource({"redis-ha-4.27.0", "my-redis-1.0.0", "redisx-19.6.4"})
    void another_chart_is_told_to_annotate_the_live_object_only(String chart) {
        String message = judge(imageBump(Map.of("helm.sh/chart", chart)), Mode.ENFORCE, BITNAMI, NEEDS_BACKUP).denialMessage();

        assertFalse(message.contains("commonAnnotations"), message);
        assertTrue(message.endsWith("(chart " + chart + "): annotate the live object (kubectl annotate) before the upgrade;"
                + " Helm keeps annotations its chart does not set."), message);
    }

    @Test
    void a_workload_without_a_chart_label_gets_no_helm_values_hint() {
        String message = judge(imageBump(Map.of()), Mode.ENFORCE, BITNAMI, NEEDS_BACKUP).denialMessage();

        assertFalse(message.contains("commonAnnotations"), message);
        assertTrue(message.endsWith("It belongs to Helm release mastodon in mastodon: annotate the live object (kubectl annotate)"
                + " before the upgrade; Helm keeps annotations its chart does not set."), message);
    }

    /** Observed: the Helm hint was offered for probe-only denials, which no annotation resolves. */
    @Test
    void a_denial_that_no_annotation_resolves_gets_no_helm_hint() {
        String message = judge(imageBump(Map.of("helm.sh/chart", "redis-19.6.4")), Mode.ENFORCE, BITNAMI, SHALLOW_PROBE)
                .denialMessage();

        assertFalse(message.contains("Helm"), message);
    }
}
