package io.rdbguard.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.rdbguard.kube.LiveObjects;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Live objects offline: the objects the audit was given as what runs now (the workloads of a Helm release's deployed
 * record, or the manifests of {@code --from}), found by kind, namespace and name as the API would find them.
 */
final class ObjectsAtHand implements LiveObjects {

    static final ObjectsAtHand NONE = new ObjectsAtHand(List.of());

    private final Map<String, HasMetadata> objects = new HashMap<>();

    /** Every object must name its namespace (the audit puts one on those that name none). */
    ObjectsAtHand(List<HasMetadata> objects) {
        objects.forEach(object -> this.objects.putIfAbsent(
                key(object.getKind(), object.getMetadata().getNamespace(), object.getMetadata().getName()), object));
    }

    @Override
    public Optional<HasMetadata> get(Class<? extends HasMetadata> type, String namespace, String name) {
        // fabric8's model classes are named after their kinds.
        return Optional.ofNullable(objects.get(key(type.getSimpleName(), namespace, name)));
    }

    /** Offline there are no pods: the templates at hand are all the audit knows. */
    @Override
    public List<Pod> pods(String namespace, LabelSelector selector, int limit) {
        return List.of();
    }

    private static String key(String kind, String namespace, String name) {
        return kind + "/" + namespace + "/" + name;
    }
}
