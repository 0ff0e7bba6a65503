package io.rdbguard.kube;

import io.fabric8.kubernetes.api.model.GroupVersionKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.rdbguard.core.workload.Requester;

/**
 * What rdb-guard reads of an AdmissionReview's request ({@link AdmissionReviews}). {@code object} and {@code oldObject}
 * are there only where something is judged: a workload kind rdb-guard judges (oldObject on an UPDATE only), or a Helm
 * release record; otherwise they are null, whatever was sent.
 */
public record ReviewRequest(String uid, GroupVersionKind kind, String operation, String name, String namespace,
                            Requester requester, boolean dryRun, HasMetadata object, HasMetadata oldObject) {

    /** "apps/v1/StatefulSet", as request.kind names it. */
    public String groupVersionKind() {
        return Changes.groupVersionKind(kind);
    }
}
