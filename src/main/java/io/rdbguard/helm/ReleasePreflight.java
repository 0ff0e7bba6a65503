package io.rdbguard.helm;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.rdbguard.core.check.Mode;
import io.rdbguard.core.check.Status;
import io.rdbguard.core.engine.CheckResult;
import io.rdbguard.core.engine.Decision;
import io.rdbguard.core.engine.Judge;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.HelmRelease;
import io.rdbguard.core.workload.Operation;
import io.rdbguard.core.workload.ReleaseChange;
import io.rdbguard.core.workload.Requester;
import io.rdbguard.core.workload.Workload;
import io.rdbguard.kube.LiveObjects;
import io.rdbguard.kube.LiveStates;
import io.rdbguard.kube.ManifestReader;
import io.rdbguard.kube.OnLookupFailure;
import io.rdbguard.kube.WorkloadMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Judges a whole Helm release before Helm touches anything: Helm writes its pending release record first, so
 * denying that record makes {@code helm upgrade} / {@code helm rollback} fail with nothing applied. Every workload
 * in the release's manifest is judged against its live object (an UPDATE), or as a CREATE when there is none.
 */
public final class ReleasePreflight {

    public static final String SECRET_TYPE = "helm.sh/release.v1";

    /** The id under which problems with the release itself (not with one of its workloads) are reported. */
    public static final String CHECK_ID = "helm-release";

    /** Workloads judged per release; a bound on the work one record can cause (the rest are judged as Helm applies them). */
    static final int MAX_WORKLOADS = 200;

    private final ReleaseDecoder decoder;
    private final LiveStates live;
    private final Judge judge;

    /** {@code live} reads the live objects, and the pods and volumes of a workload with none, all within its deadline. */
    public ReleasePreflight(ReleaseDecoder decoder, LiveStates live, Judge judge) {
        this.decoder = decoder;
        this.live = live;
        this.judge = judge;
    }

    /** Whether this object is a Helm release record (Secret or ConfigMap storage driver). */
    public static boolean isReleaseRecord(HasMetadata object) {
        Map<String, String> labels = object.getMetadata() == null ? null : object.getMetadata().getLabels();
        if (labels == null || !"helm".equals(labels.get("owner"))) {
            return false;
        }
        return object instanceof Secret secret ? SECRET_TYPE.equals(secret.getType()) : object instanceof ConfigMap;
    }

    /** The decision on a release record: allowed unless it is pending and a workload in it violates the policy. */
    public Decision review(HasMetadata record, String requestId, Requester requester, boolean dryRun) {
        ReleaseRecord release;
        try {
            release = decoder.fromRecord(record);
        } catch (ReleaseTooLargeException e) {
            ReleaseChange tooLarge = new ReleaseChange(requestId, labelledRelease(record), labelledRevision(record),
                    requester, dryRun);
            return Decision.ofRelease(tooLarge, List.of(warning("not judged whole, " + e.getMessage()
                    + ": each workload is judged as Helm applies it")), List.of());
        } catch (InvalidReleaseException e) {
            ReleaseChange unreadable = new ReleaseChange(requestId, labelledRelease(record), labelledRevision(record),
                    requester, dryRun);
            return Decision.ofRelease(unreadable, List.of(result(Mode.ENFORCE, Status.ERROR, "cannot read the release record "
                    + record.getKind() + " " + record.getMetadata().getNamespace() + "/" + record.getMetadata().getName()
                    + ": " + e.getMessage(), "let Helm write the record again (it writes them this way), or check what"
                    + " else writes " + record.getKind() + "s labelled owner=helm")), List.of());
        }
        ReleaseChange subject = new ReleaseChange(requestId,
                new HelmRelease(release.name(), release.namespace(), release.chart()), release.version(), requester, dryRun);
        if (!release.isPending()) {
            return Decision.ofRelease(subject, List.of(), List.of());
        }
        // The record's own namespace, not the one its content claims: a record written in one namespace must not make
        // rdb-guard read, or reveal, objects of another.
        String namespace = record.getMetadata().getNamespace();
        ManifestReader.Manifests manifest = ManifestReader.ofJudgedKinds()
                .readString(release.displayName() + " manifest", release.manifest());
        List<CheckResult> own = new ArrayList<>();
        // Where, not what: a parser's message can quote the manifest, and a manifest can hold a Secret.
        manifest.problems().forEach(problem -> own.add(warning("could not read " + problem.location().describe()
                + "; what it holds is judged when Helm applies it")));
        List<Planned> planned = new ArrayList<>();
        for (HasMetadata object : objects(manifest)) {
            Optional<Workload> workload = WorkloadMapper.toWorkload(object).map(w -> w.inNamespaceIfNone(namespace));
            if (workload.isEmpty()) {
                continue;
            }
            if (!workload.get().namespace().equals(namespace)) {
                own.add(warning(workload.get().displayName() + " is outside the release's namespace " + namespace
                        + ": it is judged when Helm applies it"));
            } else if (planned.size() == MAX_WORKLOADS) {
                own.add(warning("the release has more than " + MAX_WORKLOADS + " workloads; the others are judged when"
                        + " Helm applies them"));
                break;
            } else {
                planned.add(new Planned(object, workload.get()));
            }
        }
        List<Decision> parts = new ArrayList<>();
        long deadline = live.deadlineFromNow();
        Set<Planned> unread = new HashSet<>();
        Map<Planned, Optional<Workload>> current = lookUp(planned, own, deadline, unread);
        for (Planned workload : planned) {
            if (!current.containsKey(workload)) {
                continue;
            }
            Optional<Workload> found = current.get(workload);
            Workload proposed = found.map(c -> keepUnmanagedAnnotations(workload.workload(), c)).orElse(workload.workload());
            Change change = new Change(requestId + "/" + proposed.name(), found.isPresent() ? Operation.UPDATE
                    : Operation.CREATE, proposed, found.orElse(null), requester, dryRun);
            // None live (404): Helm will create it, and it adopts the pods and volumes an orphaning delete left behind.
            boolean absent = found.isEmpty() && !unread.contains(workload);
            parts.add(judge.judge(absent ? change.withLive(live.lookupFor(workload.object(), null, deadline)) : change));
        }
        return Decision.ofRelease(subject, own, parts);
    }

    /**
     * A workload of the release and the object it comes from (its type names the live counterpart). Equal by identity:
     * fabric8's equals and hashCode parse quantities, and throw on a malformed one in a manifest.
     */
    private static final class Planned {
        private final HasMetadata object;
        private final Workload workload;

        Planned(HasMetadata object, Workload workload) {
            this.object = object;
            this.workload = workload;
        }

        HasMetadata object() {
            return object;
        }

        Workload workload() {
            return workload;
        }
    }

    /**
     * The live object of every planned workload, read concurrently within one deadline well inside the webhook's
     * timeout, so that on-lookup-failure decides before kube-apiserver gives up on rdb-guard. A workload that cannot be
     * read is absent from the answer when the policy is deny (a violation is added), and judged as new (and added to
     * {@code unread}) when it is allow.
     */
    private Map<Planned, Optional<Workload>> lookUp(List<Planned> planned, List<CheckResult> own, long deadline,
                                                    Set<Planned> unread) {
        Map<Planned, CompletableFuture<Optional<HasMetadata>>> pending = new LinkedHashMap<>();
        for (Planned workload : planned) {
            pending.put(workload, live.async(() -> live.objects().get(workload.object().getClass(),
                    workload.workload().namespace(), workload.workload().name())));
        }
        Map<Planned, Optional<Workload>> found = new LinkedHashMap<>();
        for (Map.Entry<Planned, CompletableFuture<Optional<HasMetadata>>> lookup : pending.entrySet()) {
            Workload workload = lookup.getKey().workload();
            try {
                found.put(lookup.getKey(), live.await(lookup.getValue(), deadline).flatMap(WorkloadMapper::toWorkload));
            } catch (LiveObjects.LookupException failure) {
                if (live.onFailure() == OnLookupFailure.DENY) {
                    own.add(result(Mode.ENFORCE, Status.ERROR, workload.displayName() + ": " + failure.getMessage(),
                            "retry when the API is reachable (rdb-guard.on-lookup-failure=deny)"));
                } else {
                    own.add(warning(workload.displayName() + " judged as new: " + failure.getMessage()
                            + "; the per-object webhook judges the change when Helm applies it"));
                    found.put(lookup.getKey(), Optional.empty());
                    unread.add(lookup.getKey());
                }
            }
        }
        return found;
    }

    private static CheckResult warning(String message) {
        return result(Mode.WARN, Status.WARN, message, "");
    }

    private static CheckResult result(Mode mode, Status status, String message, String fix) {
        return new CheckResult(CHECK_ID, mode, status, null, message, fix, null, false);
    }

    /** What the labels Helm puts on a record (name, version) say about its release, for a record that cannot be decoded. */
    private static HelmRelease labelledRelease(HasMetadata record) {
        String name = label(record, "name");
        return new HelmRelease(name == null ? record.getMetadata().getName() : name, record.getMetadata().getNamespace(), null);
    }

    private static int labelledRevision(HasMetadata record) {
        String version = label(record, "version");
        return version != null && version.matches("\\d{1,9}") ? Integer.parseInt(version) : 0;
    }

    private static String label(HasMetadata record, String key) {
        Map<String, String> labels = record.getMetadata().getLabels();
        return labels == null ? null : labels.get(key);
    }

    private static List<HasMetadata> objects(ManifestReader.Manifests manifest) {
        return manifest.entries().stream()
                .filter(ManifestReader.KubeObject.class::isInstance)
                .map(entry -> ((ManifestReader.KubeObject) entry).object())
                .toList();
    }

    /**
     * Helm's merge keeps annotations its chart does not set (kubectl annotate before an upgrade, as the messages
     * advise), so the workload Helm will produce has the live object's annotations under the chart's.
     */
    static Workload keepUnmanagedAnnotations(Workload planned, Workload current) {
        Map<String, String> annotations = new HashMap<>(current.annotations());
        annotations.putAll(planned.annotations());
        Map<String, String> templateAnnotations = new HashMap<>(current.template().annotations());
        templateAnnotations.putAll(planned.template().annotations());
        return planned.withAnnotations(annotations, templateAnnotations);
    }
}
