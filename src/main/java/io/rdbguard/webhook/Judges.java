package io.rdbguard.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.rdbguard.core.engine.Judge;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wires the judges: the engine in force, timed and counted, then logged; one for admission requests, one (qualified
 * {@link Preflight}) for the workloads of Helm releases, so that metrics and logs say which is which.
 */
public class Judges {

    @Produces
    @ApplicationScoped
    Judge judge(LiveEngine liveEngine, MeterRegistry registry,
                @ConfigProperty(name = "rdb-guard.log.findings-interval") Duration findingsLogInterval) {
        return decorated(liveEngine, registry, MeteredJudge.ADMISSION, findingsLogInterval);
    }

    @Produces
    @ApplicationScoped
    @Preflight
    Judge preflightJudge(LiveEngine liveEngine, MeterRegistry registry,
                         @ConfigProperty(name = "rdb-guard.log.findings-interval") Duration findingsLogInterval) {
        return decorated(liveEngine, registry, MeteredJudge.PREFLIGHT, findingsLogInterval);
    }

    private static Judge decorated(LiveEngine liveEngine, MeterRegistry registry, String source, Duration findingsLogInterval) {
        Judge engineInForce = change -> liveEngine.engine()
                .orElseThrow(() -> new NotReadyException("rdb-guard has no policy loaded yet: "
                        + liveEngine.state().error()))
                .judge(change);
        return new LoggingJudge(new MeteredJudge(engineInForce, registry, source), source, findingsLogInterval);
    }
}
