package io.rdbguard.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * The kinds rdb-guard judges, named once: as admission requests name them (group/version/kind), as fabric8 types, and
 * where their pod template is. StatefulSets are always judged; the others only when Helm manages them.
 */
public enum JudgedKind {
    STATEFUL_SET("StatefulSet", StatefulSet.class, true, templateOf(StatefulSet.class, StatefulSet::getSpec, StatefulSetSpec::getTemplate)),
    DEPLOYMENT("Deployment", Deployment.class, false, templateOf(Deployment.class, Deployment::getSpec, DeploymentSpec::getTemplate)),
    DAEMON_SET("DaemonSet", DaemonSet.class, false, templateOf(DaemonSet.class, DaemonSet::getSpec, DaemonSetSpec::getTemplate)),
    REPLICA_SET("ReplicaSet", ReplicaSet.class, false, templateOf(ReplicaSet.class, ReplicaSet::getSpec, ReplicaSetSpec::getTemplate));

    private static final String GROUP_VERSION = "apps/v1";

    private final String kind;
    private final Class<? extends HasMetadata> type;
    private final boolean alwaysJudged;
    private final Function<HasMetadata, PodTemplateSpec> template;

    JudgedKind(String kind, Class<? extends HasMetadata> type, boolean alwaysJudged, Function<HasMetadata, PodTemplateSpec> template) {
        this.kind = kind;
        this.type = type;
        this.alwaysJudged = alwaysJudged;
        this.template = template;
    }

    /** The kind of this API object, if rdb-guard judges that kind at all. */
    public static Optional<JudgedKind> of(HasMetadata object) {
        return Arrays.stream(values()).filter(k -> k.type.isInstance(object)).findFirst();
    }

    /** The kind an admission request names, e.g. "apps/v1/StatefulSet". */
    public static Optional<JudgedKind> ofGroupVersionKind(String groupVersionKind) {
        return Arrays.stream(values()).filter(k -> k.groupVersionKind().equals(groupVersionKind)).findFirst();
    }

    public String groupVersionKind() {
        return GROUP_VERSION + "/" + kind;
    }

    public Class<? extends HasMetadata> type() {
        return type;
    }

    /** StatefulSets always; Deployments, DaemonSets and ReplicaSets only with Helm's managed-by label. */
    public boolean alwaysJudged() {
        return alwaysJudged;
    }

    /** The object's pod template, or null when it has none. */
    PodTemplateSpec template(HasMetadata object) {
        return template.apply(object);
    }

    private static <T extends HasMetadata, S> Function<HasMetadata, PodTemplateSpec> templateOf(
            Class<T> type, Function<T, S> spec, Function<S, PodTemplateSpec> template) {
        return object -> {
            S value = spec.apply(type.cast(object));
            return value == null ? null : template.apply(value);
        };
    }
}
