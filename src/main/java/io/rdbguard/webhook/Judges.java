package io.rdbguard.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.rdbguard.core.engine.Judge;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Wires the judge the endpoint uses: the engine in force, timed and counted, then logged. */
public class Judges {

    @Produces
    @ApplicationScoped
    Judge judge(LiveEngine liveEngine, MeterRegistry registry) {
        Judge engineInForce = change -> liveEngine.engine()
                .orElseThrow(() -> new NotReadyException("rdb-guard has no policy loaded yet: "
                        + liveEngine.state().error()))
                .judge(change);
        return new LoggingJudge(new MeteredJudge(engineInForce, registry));
    }
}
