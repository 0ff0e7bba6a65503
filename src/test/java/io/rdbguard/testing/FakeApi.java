package io.rdbguard.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.rdbguard.kube.LiveObjects;
import java.util.List;
import java.util.Optional;

/**
 * A fake Kubernetes API for tests without a server: every read goes through one function, so a stub that fails, hangs
 * or refuses does so for pod lists too. A pod list reads {@code get(Pod.class, namespace, PODS)}: none unless the stub
 * answers for that name.
 */
@FunctionalInterface
public interface FakeApi {

    String PODS = "(pods)";

    Optional<HasMetadata> get(Class<? extends HasMetadata> type, String namespace, String name) throws LiveObjects.LookupException;

    static LiveObjects of(FakeApi api) {
        return new LiveObjects() {
            @Override
            public Optional<HasMetadata> get(Class<? extends HasMetadata> type, String namespace, String name)
                    throws LookupException {
                return api.get(type, namespace, name);
            }

            @Override
            public List<Pod> pods(String namespace, LabelSelector selector, int limit) throws LookupException {
                return api.get(Pod.class, namespace, PODS).map(Pod.class::cast).stream().toList();
            }
        };
    }
}
