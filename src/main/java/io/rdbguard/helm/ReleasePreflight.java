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
import io.rdbguard.kube.ManifestReader;
import io.rdbguard.kube.WorkloadMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Judges a whole Helm release before Helm touches anything: Helm writes its pending release record first, so
 * denying that record makes {@code helm upgrade} / {@code helm rollback} fail with nothing applied. Every workload
 * in the release's manifest is judged against its live object (an UPDATE), or as a CREATE when there is none.
 */
public final class ReleasePreflight {

    public static final String SECRET_TYPE = "helm.sh/release.v1";

    /** What to do when a live object cannot be read. */
    public enum OnLookupFailure { ALLOW, DENY }

    /** The id under which problems with the release itself (not with one of its workloads) are reported. */
    public static final String CHECK_ID = "helm-release";

    private final ReleaseDecoder decoder;
    private final LiveObjects live;
    private final Judge judge;
    private final OnLookupFailure onLookupFailure;

    public ReleasePreflight(ReleaseDecoder decoder, LiveObjects live, Judge judge, OnLookupFailure onLookupFailure) {
        this.decoder = decoder;
        this.live = live;
        this.judge = judge;
        this.onLookupFailure = onLookupFailure;
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
            release = decode(record);
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
        ManifestReader.Manifests manifest = new ManifestReader(InputStream.nullInputStream())
                .readString("manifest", release.manifest());
        List<CheckResult> own = new ArrayList<>();
        // The release is named by the decision; a warning has 120 characters for the place and what is wrong there.
        manifest.problems().forEach(problem -> own.add(result(Mode.WARN, Status.WARN, problem.describe(), "")));
        List<Decision> parts = new ArrayList<>();
        for (HasMetadata object : objects(manifest)) {
            Optional<Workload> workload = WorkloadMapper.toWorkload(object);
            if (workload.isEmpty()) {
                continue;
            }
            Workload planned = workload.get().inNamespaceIfNone(release.namespace());
            Optional<Workload> current;
            try {
                current = live.get(object.getClass(), planned.namespace(), planned.name()).flatMap(WorkloadMapper::toWorkload);
            } catch (LiveObjects.LookupException e) {
                if (onLookupFailure == OnLookupFailure.DENY) {
                    own.add(result(Mode.ENFORCE, Status.ERROR, planned.displayName() + ": " + e.getMessage(),
                            "retry when the API is reachable (rdb-guard.helm.on-lookup-failure=deny)"));
                    continue;
                }
                own.add(result(Mode.WARN, Status.WARN, planned.displayName() + " judged as new: " + e.getMessage()
                        + "; the per-object webhook judges the change when Helm applies it", ""));
                current = Optional.empty();
            }
            Workload proposed = current.map(c -> keepUnmanagedAnnotations(planned, c)).orElse(planned);
            parts.add(judge.judge(new Change(requestId + "/" + planned.name(),
                    current.isPresent() ? Operation.UPDATE : Operation.CREATE, proposed, current.orElse(null), requester, dryRun)));
        }
        return Decision.ofRelease(subject, own, parts);
    }

    private static CheckResult result(Mode mode, Status status, String message, String fix) {
        return new CheckResult(CHECK_ID, mode, status, null, message, fix, null);
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

    private ReleaseRecord decode(HasMetadata record) throws InvalidReleaseException {
        Map<String, String> data = record instanceof Secret secret ? secret.getData() : ((ConfigMap) record).getData();
        String encoded = data == null ? null : data.get("release");
        if (encoded == null) {
            throw new InvalidReleaseException("it has no data.release");
        }
        return record instanceof Secret ? decoder.fromSecretData(encoded) : decoder.fromConfigMapData(encoded);
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
