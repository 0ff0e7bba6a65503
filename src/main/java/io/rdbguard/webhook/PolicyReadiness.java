package io.rdbguard.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once a policy (and the knowledge the checks need) has been loaded; shows the last load error. */
@Readiness
@ApplicationScoped
public class PolicyReadiness implements HealthCheck {

    private final LiveEngine liveEngine;

    PolicyReadiness(LiveEngine liveEngine) {
        this.liveEngine = liveEngine;
    }

    @Override
    public HealthCheckResponse call() {
        LiveEngine.State state = liveEngine.state();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("rdb-guard policy")
                .status(state.engine() != null);
        if (state.engine() != null) {
            response.withData("source", state.source()).withData("loadedAt", state.loadedAt().toString());
        }
        if (state.error() != null) {
            response.withData("error", state.error());
        }
        return response.build();
    }
}
