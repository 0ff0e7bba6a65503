package io.rdbguard.cli;

import io.rdbguard.core.engine.CheckResult;
import io.rdbguard.core.engine.Decision;
import io.rdbguard.core.probe.ProbeKind;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.ReleaseChange;
import io.rdbguard.kube.FieldPositions;
import io.rdbguard.kube.Location;
import java.util.Arrays;
import java.util.List;

/**
 * The engine's decision on one audited subject: a workload change, or a Helm release judged whole by the pre-flight
 * (its own results; each of its workloads is an evaluation of its own). {@code previous} is where the old side of an
 * UPDATE came from (null for a CREATE or when it is the same place); {@code notes} tell the reader what the audit saw
 * besides the checks.
 */
public record Evaluation(Location location, Location previous, Decision decision, List<String> notes,
                         FieldPositions positions) {

    public Evaluation {
        notes = List.copyOf(notes);
    }

    /** Without positions: reports point at the start of the document. */
    public Evaluation(Location location, Location previous, Decision decision, List<String> notes) {
        this(location, previous, decision, notes, FieldPositions.NONE);
    }

    /**
     * Where in the file the result points: the offending field of its container (the probe a probe message names, else
     * the image), the container itself, or the start of the document when positions are unknown.
     */
    public Location locationOf(CheckResult result) {
        if (result.container() == null) {
            return location;
        }
        String field = Arrays.stream(ProbeKind.values()).filter(kind -> result.message().startsWith(kind.label() + " "))
                .map(ProbeKind::field).findFirst().orElse(result.checkId().startsWith("probe") ? "" : "image");
        return positions.ofContainer(result.container(), field).map(location::at).orElse(location);
    }

    /** The whole verdict: for a release, its own results and its workloads'. */
    public Severity severity() {
        return Severity.of(decision);
    }

    public boolean isRelease() {
        return decision.subject() instanceof ReleaseChange;
    }

    /** "StatefulSet shop/cache", "Helm release shop (chart redis-19.6.4, revision 2)". */
    public String name() {
        return decision.subject().displayName();
    }

    /** CREATE or UPDATE for a workload; PREFLIGHT for a release judged before Helm applies it. */
    public String operation() {
        return decision.subject() instanceof Change change ? change.operation().name() : "PREFLIGHT";
    }

    /** The Kubernetes kind, namespace and name of what was judged (a release: its record's kind is not what it is). */
    public String kind() {
        return decision.subject() instanceof Change change ? change.workload().kind() : "HelmRelease";
    }

    public String namespace() {
        return decision.subject() instanceof Change change ? change.workload().namespace()
                : ((ReleaseChange) decision.subject()).release().namespace();
    }

    public String objectName() {
        return decision.subject() instanceof Change change ? change.workload().name()
                : ((ReleaseChange) decision.subject()).release().name();
    }
}
