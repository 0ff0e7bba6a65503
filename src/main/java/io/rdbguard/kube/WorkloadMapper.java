package io.rdbguard.kube;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.rdbguard.core.workload.Container;
import io.rdbguard.core.workload.Probe;
import io.rdbguard.core.workload.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Maps Kubernetes API objects (fabric8 model) to the core's workload view. */
public final class WorkloadMapper {

    private WorkloadMapper() {
    }

    /** The label Helm charts put on what Helm manages; Deployments, DaemonSets and ReplicaSets are judged only with it. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

    /**
     * The workload view of an object rdb-guard judges, or empty when it does not judge it: every StatefulSet, and
     * Helm-managed Deployments, DaemonSets and ReplicaSets (a ReplicaSet a Deployment controls is judged as that
     * Deployment, not again when the controller creates it).
     */
    public static Optional<Workload> toWorkload(HasMetadata object) {
        Optional<JudgedKind> kind = JudgedKind.of(object);
        if (kind.isEmpty() || !kind.get().alwaysJudged() && !isHelmManaged(object)
                || kind.get() == JudgedKind.REPLICA_SET && isControlled(object)) {
            return Optional.empty();
        }
        // a StatefulSet's pods also get one volume per volumeClaimTemplate
        List<PersistentVolumeClaim> claimTemplates = object instanceof StatefulSet sts && sts.getSpec() != null
                ? sts.getSpec().getVolumeClaimTemplates() : null;
        return Optional.of(workload(object, kind.get().template(object), claimTemplates));
    }

    private static boolean isHelmManaged(HasMetadata object) {
        var labels = object.getMetadata() == null ? null : object.getMetadata().getLabels();
        return labels != null && "Helm".equals(labels.get(MANAGED_BY));
    }

    private static boolean isControlled(HasMetadata object) {
        var owners = object.getMetadata().getOwnerReferences();
        return owners != null && owners.stream().anyMatch(o -> Boolean.TRUE.equals(o.getController()));
    }

    private static Workload workload(HasMetadata object, PodTemplateSpec template, List<PersistentVolumeClaim> claimTemplates) {
        ObjectMeta meta = Objects.requireNonNullElseGet(object.getMetadata(), ObjectMeta::new);
        ObjectMeta templateMeta = template == null || template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        var podSpec = template == null ? null : template.getSpec();
        return new Workload(
                object.getKind(),
                Objects.requireNonNullElse(meta.getNamespace(), ""),
                Objects.requireNonNullElse(meta.getName(), Objects.requireNonNullElse(meta.getGenerateName(), "")),
                orEmpty(meta.getLabels()),
                orEmpty(meta.getAnnotations()),
                new Workload.PodTemplate(
                        orEmpty(templateMeta.getAnnotations()),
                        containers(podSpec == null ? null : podSpec.getInitContainers(), true),
                        containers(podSpec == null ? null : podSpec.getContainers(), false),
                        volumes(podSpec == null ? null : podSpec.getVolumes(), claimTemplates)));
    }

    /** The pod's volumes, with one PERSISTENT_CLAIM volume per volumeClaimTemplate, as the StatefulSet controller adds it. */
    private static List<Workload.Volume> volumes(List<Volume> volumes, List<PersistentVolumeClaim> claimTemplates) {
        List<Workload.Volume> result = new ArrayList<>();
        for (Volume volume : orEmpty(volumes)) {
            Workload.Volume.Source source = volume.getPersistentVolumeClaim() != null ? Workload.Volume.Source.PERSISTENT_CLAIM
                    : volume.getSecret() != null ? Workload.Volume.Source.SECRET : Workload.Volume.Source.OTHER;
            result.add(new Workload.Volume(Objects.requireNonNullElse(volume.getName(), ""), source));
        }
        for (PersistentVolumeClaim claim : orEmpty(claimTemplates)) {
            if (claim.getMetadata() != null && claim.getMetadata().getName() != null) {
                result.add(new Workload.Volume(claim.getMetadata().getName(), Workload.Volume.Source.PERSISTENT_CLAIM));
            }
        }
        return result;
    }

    private static List<Container> containers(List<io.fabric8.kubernetes.api.model.Container> containers, boolean init) {
        if (containers == null) {
            return List.of();
        }
        return containers.stream().map(c -> new Container(
                Objects.requireNonNullElse(c.getName(), ""),
                Objects.requireNonNullElse(c.getImage(), ""),
                init,
                ports(c.getPorts()),
                probe(c.getReadinessProbe()),
                probe(c.getLivenessProbe()),
                probe(c.getStartupProbe()),
                new Container.Runtime(orEmpty(c.getCommand()), orEmpty(c.getArgs()), env(c.getEnv()), mounts(c.getVolumeMounts())))).toList();
    }

    private static List<Container.EnvVar> env(List<EnvVar> env) {
        return orEmpty(env).stream()
                .filter(e -> e.getName() != null)
                .map(e -> new Container.EnvVar(e.getName(), e.getValueFrom() == null ? Objects.requireNonNullElse(e.getValue(), "") : null,
                        e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null))
                .toList();
    }

    private static List<Container.VolumeMount> mounts(List<VolumeMount> mounts) {
        return orEmpty(mounts).stream()
                .filter(m -> m.getName() != null && m.getMountPath() != null)
                .map(m -> new Container.VolumeMount(m.getName(), m.getMountPath()))
                .toList();
    }

    private static List<Container.ContainerPort> ports(List<ContainerPort> ports) {
        if (ports == null) {
            return List.of();
        }
        return ports.stream()
                .map(p -> new Container.ContainerPort(p.getName(), p.getContainerPort() == null ? 0 : p.getContainerPort()))
                .toList();
    }

    /** A probe with the API server's defaults applied; null when absent or when it names no action. */
    static Probe probe(io.fabric8.kubernetes.api.model.Probe probe) {
        if (probe == null) {
            return null;
        }
        Probe.Action action = action(probe);
        if (action == null) {
            return null;
        }
        return new Probe(action,
                orDefault(probe.getInitialDelaySeconds(), 0),
                orDefault(probe.getPeriodSeconds(), Probe.DEFAULT_PERIOD_SECONDS),
                orDefault(probe.getTimeoutSeconds(), Probe.DEFAULT_TIMEOUT_SECONDS),
                orDefault(probe.getFailureThreshold(), Probe.DEFAULT_FAILURE_THRESHOLD));
    }

    private static Probe.Action action(io.fabric8.kubernetes.api.model.Probe probe) {
        if (probe.getExec() != null) {
            return new Probe.Exec(orEmpty(probe.getExec().getCommand()));
        }
        if (probe.getHttpGet() != null) {
            var http = probe.getHttpGet();
            return new Probe.HttpGet(Objects.requireNonNullElse(http.getPath(), "/"), port(http.getPort()),
                    Objects.requireNonNullElse(http.getScheme(), "HTTP"));
        }
        if (probe.getTcpSocket() != null) {
            return new Probe.TcpSocket(port(probe.getTcpSocket().getPort()));
        }
        if (probe.getGrpc() != null) {
            return new Probe.Grpc(orDefault(probe.getGrpc().getPort(), 0), probe.getGrpc().getService());
        }
        return null;
    }

    private static String port(IntOrString port) {
        if (port == null) {
            return "";
        }
        return port.getIntVal() != null ? String.valueOf(port.getIntVal()) : Objects.requireNonNullElse(port.getStrVal(), "");
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    /** Labels and annotations without null keys or values (JSON allows them; the core's maps do not). */
    private static Map<String, String> orEmpty(Map<String, String> map) {
        if (map == null) {
            return Map.of();
        }
        Map<String, String> clean = new HashMap<>();
        map.forEach((key, value) -> {
            if (key != null && value != null) {
                clean.put(key, value);
            }
        });
        return clean;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
