package io.rdbguard.data;

import io.rdbguard.core.check.Check;
import io.rdbguard.core.engine.Engine;
import io.rdbguard.core.format.Catalog;
import io.rdbguard.core.format.FormatGuardSettings;
import io.rdbguard.core.format.ImageIdentifier;
import io.rdbguard.core.format.ImageIdentity;
import io.rdbguard.core.format.ImageUnpinnedCheck;
import io.rdbguard.core.format.RdbOneWayCheck;
import io.rdbguard.core.format.RdbUnreadableCheck;
import io.rdbguard.core.probe.ProbeClassifier;
import io.rdbguard.core.probe.ProbeDepthCheck;
import io.rdbguard.core.probe.ProbeRules;
import io.rdbguard.data.PolicyLoader.PolicyDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Builds the engine from the built-in knowledge and the admin's files: the one place that knows every check,
 * used by the webhook (at start and on every reload) and by the audit CLI.
 */
public final class EngineFactory {

    /** Every check id, in the order their results are reported. */
    public static final Set<String> CHECK_IDS = Set.of(
            RdbUnreadableCheck.ID, RdbOneWayCheck.ID, ImageUnpinnedCheck.ID, ProbeDepthCheck.ID);

    /** The admin's files; each one absent means the built-in data alone. */
    public record Sources(Optional<Path> policyFile, Optional<Path> catalogFile, Optional<Path> probeRulesFile) {
        public static final Sources BUILT_IN = new Sources(Optional.empty(), Optional.empty(), Optional.empty());

        public List<Path> files() {
            return Stream.of(policyFile, catalogFile, probeRulesFile).flatMap(Optional::stream).toList();
        }
    }

    private EngineFactory() {
    }

    public static Engine build(Sources sources, Clock clock) throws ConfigurationException {
        Catalog catalog = sources.catalogFile().isPresent()
                ? CatalogLoader.withExtension(sources.catalogFile().get()) : CatalogLoader.builtIn();
        ProbeRules rules = sources.probeRulesFile().isPresent()
                ? ProbeRulesLoader.withAdminFile(sources.probeRulesFile().get()) : ProbeRulesLoader.builtIn();
        String policyFile = sources.policyFile().map(Path::toString).orElse(null);
        PolicyDocument policy = PolicyLoader.load(sources.policyFile().isPresent() ? read(sources.policyFile().get()) : null,
                policyFile, CHECK_IDS);

        ImageIdentifier images = new ImageIdentifier(catalog);
        FormatGuardSettings backups = new FormatGuardSettings(policy.maxBackupAge(),
                FormatGuardSettings.DEFAULT_MAX_FUTURE_SKEW, clock);
        List<Check> checks = List.of(
                new RdbUnreadableCheck(images),
                new RdbOneWayCheck(images, backups),
                new ImageUnpinnedCheck(images),
                new ProbeDepthCheck(new ProbeClassifier(rules), policy.probes(),
                        container -> images.identify(container.image()) instanceof ImageIdentity.Datastore));
        return new Engine(checks, policy.policy(), clock);
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
