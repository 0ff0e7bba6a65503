package io.rdbguard.core.workload;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A proposed change to a workload: what the checks judge. {@code previous} is the object before an UPDATE,
 * null for a CREATE. {@code id} identifies the request in logs (the admission uid, or a file position in the CLI).
 * {@code live} is what runs in the cluster, where the template is not the truth (docs/live-state.md).
 *
 * <p>A value like a record; a class only so that {@link #podTemplateUnchanged()}, which several checks and the decision
 * ask and which compares two whole pod templates, is computed once per change.
 */
public final class Change implements Subject {

    private final String id;
    private final Operation operation;
    private final Workload workload;
    private final Workload previous;
    private final Requester requester;
    private final boolean dryRun;
    private final LiveLookup live;
    private final boolean podTemplateUnchanged;

    public Change(String id, Operation operation, Workload workload, Workload previous, Requester requester, boolean dryRun,
                  LiveLookup live) {
        this.id = id;
        this.operation = operation;
        this.workload = workload;
        this.previous = previous;
        this.requester = requester;
        this.dryRun = dryRun;
        this.live = live;
        this.podTemplateUnchanged = operation == Operation.UPDATE && previous != null && live == LiveLookup.NONE
                && previous.template().equals(workload.template());
    }

    /** A change judged by its templates alone. */
    public Change(String id, Operation operation, Workload workload, Workload previous, Requester requester, boolean dryRun) {
        this(id, operation, workload, previous, requester, dryRun, LiveLookup.NONE);
    }

    @Override
    public String id() {
        return id;
    }

    public Operation operation() {
        return operation;
    }

    public Workload workload() {
        return workload;
    }

    public Workload previous() {
        return previous;
    }

    @Override
    public Requester requester() {
        return requester;
    }

    @Override
    public boolean dryRun() {
        return dryRun;
    }

    public LiveLookup live() {
        return live;
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

    /**
     * True for an UPDATE that leaves the pod template as it was (e.g. {@code kubectl annotate}, a label, the replica
     * count) and moves no pod: no pod restarts and no image runs that did not run before. The template record holds
     * everything the checks read (containers, images, probes, runtime, volumes, template annotations), so equal means
     * equal for all. A changed partition of a partitioned StatefulSet moves pods to the template without changing it;
     * such a change comes with a live lookup (kube.LiveStates), so it is not one of these.
     */
    public boolean podTemplateUnchanged() {
        return podTemplateUnchanged;
    }

    @Override
    public String displayName() {
        return workload.displayName();
    }

    @Override
    public Optional<HelmRelease> helmRelease() {
        return workload.helmRelease();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Change that && dryRun == that.dryRun && Objects.equals(id, that.id) && operation == that.operation
                && Objects.equals(workload, that.workload) && Objects.equals(previous, that.previous)
                && Objects.equals(requester, that.requester) && Objects.equals(live, that.live);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, operation, workload, previous, requester, dryRun, live);
    }

    @Override
    public String toString() {
        return "Change[id=" + id + ", operation=" + operation + ", workload=" + workload + ", previous=" + previous
                + ", requester=" + requester + ", dryRun=" + dryRun + ", live=" + live + "]";
    }
}
