package io.rdbguard.core.workload;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The part of a Kubernetes workload (StatefulSet, Deployment, ...) that rdb-guard judges:
 * identity, metadata and the pod template. Built by an adapter from the API object.
 */
public record Workload(
        String kind,
        String namespace,
        String name,
        Map<String, String> labels,
        Map<String, String> annotations,
        PodTemplate template) {

    public Workload {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    /** "StatefulSet mastodon/mastodon-redis-master": how messages and logs name a workload. */
    public String displayName() {
        return kind + " " + namespace + "/" + name;
    }

    /** Every container of the pod template, init containers first. */
    public Stream<Container> allContainers() {
        return template.initContainers().isEmpty() ? template.containers().stream()
                : Stream.concat(template.initContainers().stream(), template.containers().stream());
    }

    /** This workload in {@code namespace} when it names none (helm template output, kubectl apply -n). */
    public Workload inNamespaceIfNone(String namespace) {
        return this.namespace.isEmpty() ? new Workload(kind, namespace, name, labels, annotations, template) : this;
    }

    /** This workload under {@code name} when it has none (a CREATE with generateName names it in the request). */
    public Workload namedIfNone(String name) {
        return this.name.isEmpty() ? new Workload(kind, namespace, name, labels, annotations, template) : this;
    }

    /** This workload with other annotations on the object and on its pod template. */
    public Workload withAnnotations(Map<String, String> objectAnnotations, Map<String, String> templateAnnotations) {
        return new Workload(kind, namespace, name, labels, objectAnnotations,
                new PodTemplate(templateAnnotations, template.initContainers(), template.containers(), template.volumes()));
    }

    /** This workload with each container's image replaced where {@code images} names the container. */
    public Workload withImages(Map<String, String> images) {
        return new Workload(kind, namespace, name, labels, annotations, new PodTemplate(template.annotations(),
                template.initContainers().stream().map(c -> c.withImage(images.getOrDefault(c.name(), c.image()))).toList(),
                template.containers().stream().map(c -> c.withImage(images.getOrDefault(c.name(), c.image()))).toList(),
                template.volumes()));
    }

    /** This workload as a pod runs it: exactly the pod's containers (name → image), nothing known of them but the image. */
    public Workload running(Map<String, String> podImages) {
        List<Container> running = podImages.entrySet().stream()
                .map(c -> new Container(c.getKey(), c.getValue(), false, List.of(), null, null, null)).toList();
        return new Workload(kind, namespace, name, labels, annotations,
                new PodTemplate(template.annotations(), List.of(), running, template.volumes()));
    }

    /** The Helm release that owns this workload, if Helm's ownership annotations are present. */
    public Optional<HelmRelease> helmRelease() {
        String release = annotations.get(HelmRelease.NAME_ANNOTATION);
        if (release == null) {
            return Optional.empty();
        }
        return Optional.of(new HelmRelease(
                release,
                annotations.getOrDefault(HelmRelease.NAMESPACE_ANNOTATION, namespace),
                labels.get(HelmRelease.CHART_LABEL)));
    }

    /**
     * The pod template. {@code volumes} are the pod's volumes, a StatefulSet's volumeClaimTemplates included (the
     * controller adds one volume per template, named after it), so a mount's volume says what backs it.
     */
    public record PodTemplate(
            Map<String, String> annotations,
            List<Container> initContainers,
            List<Container> containers,
            List<Volume> volumes) {

        public PodTemplate {
            annotations = Map.copyOf(annotations);
            initContainers = List.copyOf(initContainers);
            containers = List.copyOf(containers);
            volumes = List.copyOf(volumes);
        }

        /** The names of the volumes backed by a persistent claim: data that outlives the pod. */
        public Set<String> persistentClaims() {
            return volumes.stream().filter(v -> v.source() == Volume.Source.PERSISTENT_CLAIM).map(Volume::name)
                    .collect(Collectors.toSet());
        }

        /** A template whose volumes are not known. */
        public PodTemplate(Map<String, String> annotations, List<Container> initContainers, List<Container> containers) {
            this(annotations, initContainers, containers, List.of());
        }
    }

    /** A pod volume and what backs it. */
    public record Volume(String name, Source source) {

        public enum Source {
            /** a volumeClaimTemplate or a persistentVolumeClaim: data that outlives the pod */
            PERSISTENT_CLAIM,
            SECRET,
            OTHER
        }
    }
}
