package io.rdbguard.core.workload;

import java.util.Optional;

/**
 * A proposed change to a workload: what the checks judge. {@code previous} is the object before an UPDATE,
 * null for a CREATE. {@code id} identifies the request in logs (the admission uid, or a file position in the CLI).
 */
public record Change(
        String id,
        Operation operation,
        Workload workload,
        Workload previous,
        Requester requester,
        boolean dryRun) implements Subject {

    @Override
    public String displayName() {
        return workload.displayName();
    }

    @Override
    public Optional<HelmRelease> helmRelease() {
        return workload.helmRelease();
    }
}
