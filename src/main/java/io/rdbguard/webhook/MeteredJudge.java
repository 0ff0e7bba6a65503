package io.rdbguard.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rdbguard.core.engine.CheckResult;
import io.rdbguard.core.engine.Decision;
import io.rdbguard.core.engine.Judge;
import io.rdbguard.core.workload.Change;

/**
 * Counts decisions and check results and times the engine. A decorator, so no check knows about metrics.
 * <ul>
 * <li>{@code rdbguard_decisions_total{kind,operation,allowed,dry_run}}</li>
 * <li>{@code rdbguard_check_results_total{check,result,mode,operation,dry_run}}</li>
 * <li>{@code rdbguard_decision_seconds} (histogram): time spent judging, without HTTP and JSON
 *     ({@code http_server_requests_seconds{uri="/validate"}} has the whole request)</li>
 * </ul>
 */
final class MeteredJudge implements Judge {

    private final Judge delegate;
    private final MeterRegistry registry;
    private final Timer timer;

    MeteredJudge(Judge delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
        this.timer = Timer.builder("rdbguard.decision")
                .description("Time to judge one change, excluding HTTP and JSON")
                .publishPercentileHistogram()
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
                .description("Admission decisions on judged workloads")
                .tags("kind", change.workload().kind(), "operation", operation,
                        "allowed", String.valueOf(decision.allowed()), "dry_run", dryRun)
                .register(registry).increment();
        for (CheckResult result : decision.results()) {
            Counter.builder("rdbguard.check.results")
                    .description("Check results after modes and exemptions")
                    .tags("check", result.checkId(), "result", result.status().label(), "mode", result.mode().label(),
                            "operation", operation, "dry_run", dryRun)
                    .register(registry).increment();
        }
        return decision;
    }
}
