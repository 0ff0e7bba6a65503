package io.rdbguard.core.workload;

import java.util.Optional;

/**
 * A Helm release about to be installed, upgraded or rolled back, judged before Helm applies anything: each workload in
 * it is a {@link Change} of its own. {@code revision} is the release record's version.
 */
public record ReleaseChange(String id, HelmRelease release, int revision, Requester requester, boolean dryRun)
        implements Subject {

    @Override
    public String displayName() {
        return "Helm release " + release.name() + " (chart " + (release.chart() == null ? "unknown" : release.chart())
                + ", revision " + revision + ")";
    }

    @Override
    public Optional<HelmRelease> helmRelease() {
        return Optional.of(release);
    }
}
