package io.rdbguard.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Optional;

/** Reads objects as they are in the cluster now. */
public interface LiveObjects {

    /** The live object, or empty when there is none; {@link LookupException} when the API cannot answer. */
    Optional<HasMetadata> get(Class<? extends HasMetadata> type, String namespace, String name) throws LookupException;

    final class LookupException extends Exception {
        public LookupException(String message) {
            super(message);
        }
    }
}
