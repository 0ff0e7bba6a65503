package io.rdbguard.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.rdbguard.core.engine.Engine;
import io.rdbguard.data.ConfigurationException;
import io.rdbguard.data.EngineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The engine in force. Built at start from the admin's files (policy, catalog extension, probe rules); rebuilt when
 * their content changes (a ConfigMap update), so modes and rules change without a restart. A bad file never replaces a good engine,
 * whatever goes wrong while loading it: the error is logged once, counted ({@link ReloadFailures}) and shown by the readiness
 * check; with no good engine yet, the webhook is not ready (and a pod started with a bad file waits for a good one
 * instead of crash-looping).
 */
@ApplicationScoped
public class LiveEngine {

    private static final Logger LOG = Logger.getLogger(LiveEngine.class);

    /** What readiness reports: the engine in force (if any), where it came from, and the last load error. */
    public record State(Engine engine, String source, Instant loadedAt, String error) {
    }

    private final EngineFactory.Sources sources;
    private final Duration reloadInterval;
    private final Clock clock = Clock.systemUTC();
    private volatile State state = new State(null, "", null, "not loaded yet");
    private volatile byte[] loadedContent;
    private final ReloadFailures failures;
    private ScheduledExecutorService reloader;

    LiveEngine(@ConfigProperty(name = "rdb-guard.policy-file") Optional<Path> policyFile,
               @ConfigProperty(name = "rdb-guard.catalog-file") Optional<Path> catalogFile,
               @ConfigProperty(name = "rdb-guard.probe-rules-file") Optional<Path> probeRulesFile,
               @ConfigProperty(name = "rdb-guard.reload-interval") Duration reloadInterval,
               MeterRegistry registry) {
        this.sources = new EngineFactory.Sources(policyFile, catalogFile, probeRulesFile);
        this.reloadInterval = reloadInterval;
        this.failures = new ReloadFailures(registry, "policy", LOG);
    }

    void start(@Observes StartupEvent event) {
        reloadIfChanged();
        if (!sources.files().isEmpty()) {
            reloader = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "rdb-guard-policy-reload");
                thread.setDaemon(true);
                return thread;
            });
            long millis = reloadInterval.toMillis();
            reloader.scheduleWithFixedDelay(this::reloadIfChanged, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (reloader != null) {
            reloader.shutdownNow();
        }
    }

    public State state() {
        return state;
    }

    /** The engine in force, or empty while no policy could be loaded. */
    public Optional<Engine> engine() {
        return Optional.ofNullable(state.engine());
    }

    /**
     * Loads the admin's files if their content differs from what is in force. Synchronized: start and timer may race.
     * Catches every exception: one escaping would end the scheduled reloads for good, or the start-up.
     */
    synchronized void reloadIfChanged() {
        String source = sources.files().isEmpty() ? "built-in policy"
                : sources.files().stream().map(Path::toString).collect(Collectors.joining(", "));
        try {
            byte[] content = fingerprint();
            if (state.engine() != null && Arrays.equals(content, loadedContent)) {
                return;
            }
            Engine engine = EngineFactory.build(sources, clock);
            boolean reload = state.engine() != null;
            state = new State(engine, source, clock.instant(), null);
            loadedContent = content;
            failures.succeeded();
            LOG.infof("%s policy from %s", reload ? "Reloaded" : "Loaded", source);
        } catch (ConfigurationException e) {
            fail(source, e.getMessage());
        } catch (RuntimeException e) {
            fail(source, "cannot be loaded (" + e + "); fix the file, the last good policy stays in force");
        }
    }

    private void fail(String source, String error) {
        State previous = state;
        state = new State(previous.engine(), previous.source(), previous.loadedAt(), error);
        failures.failed(error, previous.engine() == null
                ? "Not ready: cannot load the policy from " + source + ": " + error
                : "Kept the policy loaded at " + previous.loadedAt() + "; cannot reload " + source + ": " + error);
    }

    /** The content of every admin file, so that any edit (a ConfigMap update swaps them all) triggers a reload. */
    private byte[] fingerprint() throws ConfigurationException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Path file : sources.files()) {
            try {
                all.writeBytes(file.toString().getBytes(StandardCharsets.UTF_8));
                all.write(0);
                all.writeBytes(Files.readAllBytes(file));
                all.write(0);
            } catch (IOException e) {
                throw new ConfigurationException(file.toString(), "", "cannot be read (" + e.getClass().getSimpleName()
                        + "); check the ConfigMap mount and the rdb-guard.*-file settings");
            }
        }
        return all.toByteArray();
    }
}
