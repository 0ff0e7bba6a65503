package io.rdbguard.webhook;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.quarkus.runtime.StartupEvent;
import io.rdbguard.data.BuildInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Metrics that are about the process, not one decision: the build ({@code rdbguard_build_info{version} 1}, also logged
 * at start), and histogram buckets for the whole /validate request ({@code http_server_requests_seconds}), so that the
 * share of requests near kube-apiserver's 5 s timeout can be computed (Quarkus publishes no buckets by default).
 */
@ApplicationScoped
public class Metrics {

    private static final Logger LOG = Logger.getLogger(Metrics.class);
    /** From a fast answer to kube-apiserver's timeout (timeoutSeconds ≤ 5). */
    static final Duration[] REQUEST_BUCKETS = MeteredJudge.buckets(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000);

    void start(@Observes StartupEvent event, MeterRegistry registry) {
        Gauge.builder("rdbguard.build.info", () -> 1).description("The running build; the value is always 1")
                .tag("version", BuildInfo.version()).register(registry);
        MDC.put("version", BuildInfo.version());
        try {
            LOG.infof("rdb-guard %s starting", BuildInfo.version());
        } finally {
            MDC.remove("version");
        }
    }

    @Produces
    @Singleton
    MeterFilter requestBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests")) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos(REQUEST_BUCKETS)).build()
                        .merge(config);
            }
        };
    }

    /** Timers keep their bounds in nanoseconds. */
    private static double[] nanos(Duration[] bounds) {
        double[] nanos = new double[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            nanos[i] = bounds[i].toNanos();
        }
        return nanos;
    }
}
