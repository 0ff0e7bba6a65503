package io.rdbguard.data;

import io.rdbguard.core.engine.Engine;
import io.rdbguard.core.probe.ProbeClassifier;
import io.rdbguard.core.redis.FormatGuardSettings;
import io.rdbguard.core.redis.ImageIdentifier;
import io.rdbguard.core.redis.RedisFamily;
import io.rdbguard.core.registry.CheckRegistry;
import io.rdbguard.data.PolicyLoader.PolicyDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Builds the engine from the built-in knowledge and the admin's files, for the webhook (at start and on every reload)
 * and the audit CLI alike. Which checks exist is {@link CheckRegistry}'s business.
 */
public final class EngineFactory {

    /** The admin's files; each one absent means the built-in data alone. */
    public record Sources(Optional<Path> policyFile, Optional<Path> catalogFile, Optional<Path> probeRulesFile) {
        public static final Sources BUILT_IN = new Sources(Optional.empty(), Optional.empty(), Optional.empty());

        public List<Path> files() {
            return Stream.of(policyFile, catalogFile, probeRulesFile).flatMap(Optional::stream).toList();
        }
    }

    private EngineFactory() {
    }

    /**
     * The engine for these files. Anything wrong with them is a {@link ConfigurationException} that names the file:
     * a runtime exception from a loader is a bug, but it must still leave the caller with a message, not a dead thread.
     */
    public static Engine build(Sources sources, Clock clock) throws ConfigurationException {
        try {
            return buildChecked(sources, clock);
        } catch (RuntimeException e) {
            throw new ConfigurationException("rdb-guard could not load " + describe(sources) + " (" + e + ");"
                    + " report this as an rdb-guard bug, and check the files for unusual values meanwhile", e);
        }
    }

    private static Engine buildChecked(Sources sources, Clock clock) throws ConfigurationException {
        ImageIdentifier images = new ImageIdentifier(sources.catalogFile().isPresent()
                ? CatalogLoader.withExtension(sources.catalogFile().get()) : CatalogLoader.builtIn());
        ProbeClassifier probes = new ProbeClassifier(sources.probeRulesFile().isPresent()
                ? ProbeRulesLoader.withAdminFile(sources.probeRulesFile().get()) : ProbeRulesLoader.builtIn());
        PolicyDocument policy = PolicyLoader.load(sources.policyFile().isPresent() ? read(sources.policyFile().get()) : null,
                sources.policyFile().map(Path::toString).orElse(null), CheckRegistry.DESCRIPTORS);
        FormatGuardSettings backups = new FormatGuardSettings(policy.maxBackupAge(),
                FormatGuardSettings.DEFAULT_MAX_FUTURE_SKEW, clock);
        return new Engine(CheckRegistry.create(new CheckRegistry.Knowledge(new RedisFamily(images), probes, policy.probes(),
                backups)), policy.policy(), clock, HelmChartsLoader.builtIn());
    }

    private static String describe(Sources sources) {
        return sources.files().isEmpty() ? "the built-in policy" : sources.files().toString();
    }

    private static String read(Path file) throws ConfigurationException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException(file.toString(), "", "cannot be read (" + e.getClass().getSimpleName()
                    + "); check the mounted ConfigMap and rdb-guard.policy-file", e);
        }
    }
}
