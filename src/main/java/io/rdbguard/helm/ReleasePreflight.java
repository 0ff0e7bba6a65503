package io.rdbguard.helm;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.rdbguard.core.engine.Decision;
import io.rdbguard.core.engine.Judge;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.Operation;
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

    /** The verdict on a release record. */
    public record Verdict(boolean allowed, String message, List<String> warnings) {
        static Verdict allow(List<String> warnings) {
            return new Verdict(true, "", warnings);
        }
    }

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

    public Verdict review(HasMetadata record, String requestId, Requester requester, boolean dryRun) {
        String recordName = record.getKind() + " " + record.getMetadata().getNamespace() + "/" + record.getMetadata().getName();
        ReleaseRecord release;
        try {
            release = decode(record);
        } catch (InvalidReleaseException e) {
            return new Verdict(false, "rdb-guard cannot read the Helm release record " + recordName + ": " + e.getMessage()
                    + ". Fix: let Helm write the record again (it writes them this way), or check what else writes Secrets"
                    + " labelled owner=helm", List.of());
        }
        if (!release.isPending()) {
            return Verdict.allow(List.of());
        }
        ManifestReader.Manifests manifest = new ManifestReader(InputStream.nullInputStream())
                .readString(release.displayName() + " manifest", release.manifest());
        List<String> warnings = new ArrayList<>();
        manifest.problems().forEach(problem -> warnings.add("rdb-guard could not read " + problem.describe()));
        List<String> violations = new ArrayList<>();
        for (HasMetadata object : objects(manifest)) {
            Optional<Workload> workload = WorkloadMapper.toWorkload(object);
            if (workload.isEmpty()) {
                continue;
            }
            Workload planned = inNamespace(workload.get(), release.namespace());
            Optional<Workload> current;
            try {
                current = live.get(object.getClass(), planned.namespace(), planned.name()).flatMap(WorkloadMapper::toWorkload);
            } catch (LiveObjects.LookupException e) {
                if (onLookupFailure == OnLookupFailure.DENY) {
                    violations.add("== " + planned.displayName() + "\n- " + e.getMessage()
                            + " Fix: retry when the API is reachable (rdb-guard.helm.on-lookup-failure=deny)");
                    continue;
                }
                warnings.add("rdb-guard " + e.getMessage() + "; judged " + planned.displayName()
                        + " as new, the per-object webhook will judge the change itself");
                current = Optional.empty();
            }
            Workload proposed = current.map(c -> keepUnmanagedAnnotations(planned, c)).orElse(planned);
            Decision decision = judge.judge(new Change(requestId + "/" + planned.name(),
                    current.isPresent() ? Operation.UPDATE : Operation.CREATE, proposed, current.orElse(null), requester, dryRun));
            decision.warnings().forEach(w -> warnings.add(w));
            if (!decision.allowed()) {
                violations.add("== " + planned.displayName() + "\n" + String.join("\n", decision.violationLines()));
            }
        }
        List<String> distinctWarnings = warnings.stream().distinct().limit(Decision.MAX_WARNINGS).toList();
        if (violations.isEmpty()) {
            return Verdict.allow(distinctWarnings);
        }
        return new Verdict(false, "rdb-guard denied Helm " + release.displayName() + " before Helm changed anything: "
                + violations.size() + (violations.size() == 1 ? " workload violates" : " workloads violate") + " the policy\n"
                + String.join("\n", violations) + "\n" + helmHint(release), distinctWarnings);
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

    /** helm template output may leave the namespace out: Helm applies it in the release namespace. */
    private static Workload inNamespace(Workload workload, String namespace) {
        return workload.namespace().isEmpty()
                ? new Workload(workload.kind(), namespace, workload.name(), workload.labels(), workload.annotations(), workload.template())
                : workload;
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
        return new Workload(planned.kind(), planned.namespace(), planned.name(), planned.labels(), annotations,
                new Workload.PodTemplate(templateAnnotations, planned.template().initContainers(), planned.template().containers()));
    }

    private static String helmHint(ReleaseRecord release) {
        String chart = release.chart();
        return Decision.helmHint(new io.rdbguard.core.workload.HelmRelease(release.name(), release.namespace(), chart));
    }
}
