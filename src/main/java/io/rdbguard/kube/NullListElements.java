package io.rdbguard.kube;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import io.rdbguard.data.JsonErrors;
import java.util.List;
import java.util.Optional;

/**
 * A JSON null where a list element belongs ({@code containers: [null]}, {@code command: [null]}). kube-apiserver never
 * sends one, the fabric8 model keeps it, and every step after reading (the workload view, the core's immutable lists)
 * would meet it. So every reader of Kubernetes objects in rdb-guard (AdmissionReviews, manifests, Helm release
 * manifests) refuses it while reading, naming the element. Nulls in maps (labels, annotations) are harmless and are
 * dropped by {@link WorkloadMapper}.
 */
final class NullListElements {

    private NullListElements() {
    }

    /** A copy of {@code mapper} that refuses null list elements. */
    static ObjectMapper refusedBy(ObjectMapper mapper) {
        ObjectMapper strict = mapper.copy();
        strict.configOverride(List.class).setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        return strict;
    }

    /** "spec.template.spec.containers[0] is null; remove it", when that is why reading failed. */
    static Optional<String> problem(JsonMappingException e) {
        return e instanceof InvalidNullException ? Optional.of(JsonErrors.fieldPath(e) + " is null; remove it") : Optional.empty();
    }
}
