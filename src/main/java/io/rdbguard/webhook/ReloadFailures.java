package io.rdbguard.webhook;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The failures to reload one set of files (the policy files, the serving certificate), so that a file that stays bad
 * is logged and counted once, not at every check interval:
 * <ul>
 * <li>{@code rdbguard_config_reload_failures_total{file}}: each new error (a different message from the last one);</li>
 * <li>{@code rdbguard_config_reload_failing{file}}: 1 while the files on disk are not the ones in force, else 0.</li>
 * </ul>
 */
final class ReloadFailures {

    private final Logger log;
    /**
     * Kept here and read at each scrape, not a Counter: a failure at start-up can come before Quarkus attaches the
     * Prometheus registry, and a Counter's increments before that are lost (BadPolicyFileIT).
     */
    private final AtomicLong failures = new AtomicLong();
    private final AtomicInteger failing = new AtomicInteger();
    private volatile String current;

    ReloadFailures(MeterRegistry registry, String file, Logger log) {
        this.log = log;
        FunctionCounter.builder("rdbguard.config.reload.failures", failures, AtomicLong::get)
                .description("Files that could not be loaded, each distinct error once; the last good state stays in force")
                .tag("file", file).register(registry);
        Gauge.builder("rdbguard.config.reload.failing", failing, AtomicInteger::get)
                .description("1 while the files on disk could not be loaded and an earlier state is in force")
                .tag("file", file).register(registry);
    }

    /** Records an error; logs it at ERROR (as {@code message}) and counts it only if it differs from the current one. */
    void failed(String error, String message) {
        failing.set(1);
        if (!error.equals(current)) {
            current = error;
            failures.incrementAndGet();
            log.error(message);
        }
    }

    void succeeded() {
        failing.set(0);
        current = null;
    }

    /** The error in force, or null when the files on disk are the ones in force. */
    String current() {
        return current;
    }
}
