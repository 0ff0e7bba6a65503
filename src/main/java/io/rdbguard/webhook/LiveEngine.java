package io.rdbguard.webhook;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.rdbguard.core.engine.Engine;
import io.rdbguard.data.ConfigurationException;
import io.rdbguard.data.EngineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The engine in force. Built at start from the policy file; rebuilt when the file's content changes
 * (a ConfigMap update), so modes and rules change without a restart. A bad file never replaces a good engine:
 * the error is logged and shown by the readiness check; with no good engine yet, the webhook is not ready.
 */
@ApplicationScoped
public class LiveEngine {

    private static final Logger LOG = Logger.getLogger(LiveEngine.class);

    /** What readiness reports: the engine in force (if any), where it came from, and the last load error. */
    public record State(Engine engine, String source, Instant loadedAt, String error) {
    }

    private final Optional<Path> policyFile;
    private final Duration reloadInterval;
    private final Clock clock = Clock.systemUTC();
    private volatile State state = new State(null, "", null, "not loaded yet");
    private volatile byte[] loadedContent;
    private ScheduledExecutorService reloader;

    LiveEngine(@ConfigProperty(name = "rdb-guard.policy-file") Optional<Path> policyFile,
               @ConfigProperty(name = "rdb-guard.reload-interval") Duration reloadInterval) {
        this.policyFile = policyFile;
        this.reloadInterval = reloadInterval;
    }

    void start(@Observes StartupEvent event) {
        reloadIfChanged();
        if (policyFile.isPresent()) {
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

    /** Loads the policy file if its content differs from the one in force. Synchronized: start and timer may race. */
    synchronized void reloadIfChanged() {
        String source = policyFile.map(Path::toString).orElse("built-in policy");
        try {
            byte[] content = policyFile.isPresent() ? read(policyFile.get()) : new byte[0];
            if (state.engine() != null && Arrays.equals(content, loadedContent)) {
                return;
            }
            String yaml = policyFile.isPresent() ? new String(content, StandardCharsets.UTF_8) : null;
            Engine engine = EngineFactory.build(yaml, source, clock);
            boolean reload = state.engine() != null;
            state = new State(engine, source, clock.instant(), null);
            loadedContent = content;
            LOG.infof("%s policy from %s", reload ? "Reloaded" : "Loaded", source);
        } catch (ConfigurationException e) {
            fail(source, e.getMessage());
        }
    }

    private void fail(String source, String error) {
        State previous = state;
        state = new State(previous.engine(), previous.source(), previous.loadedAt(), error);
        if (previous.engine() == null) {
            LOG.errorf("Not ready: cannot load the policy from %s: %s", source, error);
        } else {
            LOG.errorf("Kept the policy loaded at %s; cannot reload %s: %s", previous.loadedAt(), source, error);
        }
    }

    private static byte[] read(Path file) throws ConfigurationException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigurationException(file.toString(), "",
                    "cannot read the policy file (" + e.getClass().getSimpleName() + "); check the ConfigMap mount"
                            + " and rdb-guard.policy-file");
        }
    }
}
