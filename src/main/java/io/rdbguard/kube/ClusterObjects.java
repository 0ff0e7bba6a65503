package io.rdbguard.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Optional;

/** {@link LiveObjects} through the Kubernetes API (get and list only: the RBAC in manifests/ grants nothing more). */
public final class ClusterObjects implements LiveObjects {

    private final KubernetesClient client;

    public ClusterObjects(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Optional<HasMetadata> get(Class<? extends HasMetadata> type, String namespace, String name) throws LookupException {
        try {
            return Optional.ofNullable(client.resources(type).inNamespace(namespace).withName(name).get());
        } catch (KubernetesClientException e) {
            throw new LookupException("cannot read " + type.getSimpleName() + " " + namespace + "/" + name
                    + " from the Kubernetes API (HTTP " + e.getCode() + ")");
        }
    }

    @Override
    public List<Pod> pods(String namespace, LabelSelector selector, int limit) throws LookupException {
        try {
            return client.pods().inNamespace(namespace).withLabelSelector(selector)
                    .list(new ListOptionsBuilder().withLimit((long) limit).build()).getItems();
        } catch (KubernetesClientException e) {
            throw new LookupException("listing pods in " + namespace + " failed (HTTP " + e.getCode() + ")");
        }
    }
}
