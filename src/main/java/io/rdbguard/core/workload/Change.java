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

    /**
     * True for an UPDATE that leaves the pod template as it was (e.g. {@code kubectl annotate}, a label, the replica
     * count): no pod restarts and no image runs that did not run before. The template record holds everything the
     * checks read (containers, images, probes, runtime, volumes, template annotations), so equal means equal for all.
     */
    public boolean podTemplateUnchanged() {
        return operation == Operation.UPDATE && previous != null && previous.template().equals(workload.template());
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
