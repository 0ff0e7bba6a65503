package io.rdbguard.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rdbguard.core.engine.CheckResult;
import io.rdbguard.core.engine.Decision;
import io.rdbguard.core.engine.Judge;
import io.rdbguard.core.workload.Change;
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
 */
final class MeteredJudge implements Judge {

    static final String ADMISSION = "admission";
    static final String PREFLIGHT = "preflight";
    /** The engine takes milliseconds; the buckets reach the webhook's 5 s timeout, so a slow tail shows. */
    static final Duration[] BUCKETS = buckets(1, 2.5, 5, 10, 25, 50, 100, 250, 1000, 5000);

    private final Judge delegate;
    private final MeterRegistry registry;
    private final String source;
    private final Timer timer;

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
        String operation = change.operation().name();
        String dryRun = String.valueOf(change.dryRun());
        Counter.builder("rdbguard.decisions")
                .description("Decisions on judged workloads")
                .tags("source", source, "kind", change.workload().kind(), "operation", operation,
                        "allowed", String.valueOf(decision.allowed()), "dry_run", dryRun)
                .register(registry).increment();
        for (CheckResult result : decision.results()) {
            Counter.builder("rdbguard.check.results")
                    .description("Check results after modes and exemptions")
                    .tags("source", source, "check", result.checkId(), "result", result.status().label(),
                            "mode", result.mode().label(), "operation", operation, "dry_run", dryRun)
                    .register(registry).increment();
        }
        return decision;
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
