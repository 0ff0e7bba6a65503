package io.rdbguard.core.workload;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A proposed change to a workload: what the checks judge. {@code previous} is the object before an UPDATE,
 * null for a CREATE. {@code id} identifies the request in logs (the admission uid, or a file position in the CLI).
 * {@code live} is what runs in the cluster, where the template is not the truth (docs/live-state.md).
 */
public record Change(
        String id,
        Operation operation,
        Workload workload,
        Workload previous,
        Requester requester,
        boolean dryRun,
        LiveLookup live) implements Subject {

    /** A change judged by its templates alone. */
    public Change(String id, Operation operation, Workload workload, Workload previous, Requester requester, boolean dryRun) {
        this(id, operation, workload, previous, requester, dryRun, LiveLookup.NONE);
    }

    public Change withLive(LiveLookup otherLive) {
        return new Change(id, operation, workload, previous, requester, dryRun, otherLive);
    }

    /**
     * What the data on the volumes was written by, one workload per distinct set of images: the images the pods run
     * when they were looked up and found, else the previous template (none for a CREATE).
     */
    public List<Workload> runningVersions() {
        List<Map<String, String>> imageSets = live.state().imageSets();
        if (imageSets.isEmpty()) {
            return previous == null ? List.of() : List.of(previous);
        }
        Workload base = previous == null ? workload : previous;
        return imageSets.stream().map(base::running).toList();
    }

    @Override
    public String displayName() {
        return workload.displayName();
    }

    @Override
    public Optional<HelmRelease> helmRelease() {
        return workload.helmRelease();
    }
}
