package io.rdbguard.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rdbguard.core.check.Mode;
import io.rdbguard.core.check.Status;
import io.rdbguard.core.engine.CheckResult;
import io.rdbguard.core.engine.Decision;
import io.rdbguard.core.engine.Judge;
import io.rdbguard.core.memo.BoundedMemo;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.Operation;
import java.time.Duration;

/**
 * Counts decisions and check results and times the engine. A decorator, so no check knows about metrics.
 * {@code source} tells admission requests for one workload ({@value #ADMISSION}) from the workloads of a Helm release
 * judged before Helm applies it ({@value #PREFLIGHT}), which are not the CREATEs and UPDATEs of the cluster.
 * <ul>
 * <li>{@code rdbguard_decisions_total{source,kind,operation,allowed,dry_run}}</li>
 * <li>{@code rdbguard_check_results_total{source,check,result,mode,operation,dry_run}}</li>
 * <li>{@code rdbguard_decision_seconds{source}} (histogram, {@link #BUCKETS}): time spent judging, without HTTP and
 *     JSON ({@code http_server_requests_seconds{uri="/validate"}} has the whole request)</li>
 * </ul>
 * Looking a counter up in the registry builds its id and tags each time, so each judge keeps the counters it has used,
 * per combination of tag values. The values are few (judged kinds, operations, check ids, results, modes); the memo is
 * bounded all the same, and forgetting a counter only means looking it up again (the registry keeps its count).
 */
final class MeteredJudge implements Judge {

    static final String ADMISSION = "admission";
    static final String PREFLIGHT = "preflight";
    /** The engine takes milliseconds; the buckets reach the webhook's 5 s timeout, so a slow tail shows. */
    static final Duration[] BUCKETS = buckets(1, 2.5, 5, 10, 25, 50, 100, 250, 1000, 5000);

    /** Far more combinations than the bounded tag values make, so that the memo is never cleared in practice. */
    static final int COUNTERS_LIMIT = 4096;

    private final Judge delegate;
    private final MeterRegistry registry;
    private final String source;
    private final Timer timer;
    private final BoundedMemo<DecisionTags, Counter> decisions = new BoundedMemo<>(COUNTERS_LIMIT);
    private final BoundedMemo<ResultTags, Counter> results = new BoundedMemo<>(COUNTERS_LIMIT);

    private record DecisionTags(String kind, Operation operation, boolean allowed, boolean dryRun) {
    }

    private record ResultTags(String check, Status result, Mode mode, Operation operation, boolean dryRun) {
    }

    MeteredJudge(Judge delegate, MeterRegistry registry, String source) {
        this.delegate = delegate;
        this.registry = registry;
        this.source = source;
        this.timer = Timer.builder("rdbguard.decision")
                .description("Time to judge one change, excluding HTTP and JSON")
                .tag("source", source)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    @Override
    public Decision judge(Change change) {
        Timer.Sample sample = Timer.start(registry);
        Decision decision = delegate.judge(change);
        sample.stop(timer);
        decisions.get(new DecisionTags(change.workload().kind(), change.operation(), decision.allowed(), change.dryRun()),
                this::decisionCounter).increment();
        for (CheckResult result : decision.results()) {
            results.get(new ResultTags(result.checkId(), result.status(), result.mode(), change.operation(), change.dryRun()),
                    this::resultCounter).increment();
        }
        return decision;
    }

    private Counter decisionCounter(DecisionTags tags) {
        return Counter.builder("rdbguard.decisions")
                .description("Decisions on judged workloads")
                .tags("source", source, "kind", tags.kind(), "operation", tags.operation().name(),
                        "allowed", String.valueOf(tags.allowed()), "dry_run", String.valueOf(tags.dryRun()))
                .register(registry);
    }

    private Counter resultCounter(ResultTags tags) {
        return Counter.builder("rdbguard.check.results")
                .description("Check results after modes and exemptions")
                .tags("source", source, "check", tags.check(), "result", tags.result().label(),
                        "mode", tags.mode().label(), "operation", tags.operation().name(), "dry_run", String.valueOf(tags.dryRun()))
                .register(registry);
    }

    /** Bucket bounds in milliseconds. */
    static Duration[] buckets(double... millis) {
        Duration[] bounds = new Duration[millis.length];
        for (int i = 0; i < millis.length; i++) {
            bounds[i] = Duration.ofNanos(Math.round(millis[i] * 1_000_000));
        }
        return bounds;
    }
}
