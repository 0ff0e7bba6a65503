package io.rdbguard.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/** Reads objects as they are in the cluster now. */
public interface LiveObjects {

    /** The live object, or empty when there is none; {@link LookupException} when the API cannot answer. */
    Optional<HasMetadata> get(Class<? extends HasMetadata> type, String namespace, String name) throws LookupException;

    /** At most {@code limit} pods of {@code namespace} that match {@code selector}. */
    List<Pod> pods(String namespace, LabelSelector selector, int limit) throws LookupException;

    final class LookupException extends Exception {
        public LookupException(String message) {
            super(message);
        }
    }
}
