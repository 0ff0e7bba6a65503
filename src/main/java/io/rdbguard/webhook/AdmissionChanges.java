package io.rdbguard.webhook;

import io.fabric8.kubernetes.api.model.GroupVersionKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.Operation;
import io.rdbguard.core.workload.Requester;
import io.rdbguard.core.workload.Workload;
import io.rdbguard.kube.WorkloadMapper;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Turns an admission request into the change the core judges, or nothing for requests rdb-guard does not judge. */
public final class AdmissionChanges {

    /** group/version/kind of the workloads rdb-guard may judge, as request.kind names them (WorkloadMapper decides). */
    static final Set<String> WORKLOAD_KINDS = Set.of("apps/v1/StatefulSet", "apps/v1/Deployment", "apps/v1/DaemonSet",
            "apps/v1/ReplicaSet");

    private AdmissionChanges() {
    }

    public static Optional<Change> from(AdmissionRequest request) {
        Optional<Operation> operation = operation(request.getOperation());
        if (operation.isEmpty() || !WORKLOAD_KINDS.contains(gvk(request.getKind()))) {
            return Optional.empty();
        }
        Optional<Workload> judged = workload(request.getObject(), "request.object", request);
        if (judged.isEmpty()) {
            return Optional.empty();
        }
        Workload previous = operation.get() == Operation.UPDATE
                ? workload(request.getOldObject(), "request.oldObject", request).orElse(null) : null;
        Workload workload = judged.get();
        var user = request.getUserInfo();
        Requester requester = user == null ? Requester.UNKNOWN
                : new Requester(Objects.requireNonNullElse(user.getUsername(), ""), Objects.requireNonNullElse(user.getGroups(), List.of()));
        return Optional.of(new Change(request.getUid(), operation.get(), workload, previous, requester,
                Boolean.TRUE.equals(request.getDryRun())));
    }

    private static Optional<Workload> workload(Object object, String field, AdmissionRequest request) {
        if (object == null) {
            throw new BadReviewException(400, field + " is missing; a " + request.getOperation() + " of "
                    + gvk(request.getKind()) + " must carry it");
        }
        if (!(object instanceof HasMetadata resource)) {
            throw new BadReviewException(400, field + " is not a Kubernetes object with apiVersion, kind and metadata");
        }
        String objectKind = resource.getApiVersion() + "/" + resource.getKind();
        if (!objectKind.equals(gvk(request.getKind()))) {
            throw new BadReviewException(400, field + " is a " + resource.getApiVersion() + " " + resource.getKind()
                    + " but request.kind is " + gvk(request.getKind()) + "; they must agree");
        }
        // kube-apiserver fills in the namespace on the request even when the object omits it (generateName, CREATE).
        return WorkloadMapper.toWorkload(resource).map(workload -> workload.namespace().isEmpty() && request.getNamespace() != null
                ? new Workload(workload.kind(), request.getNamespace(), workload.name().isEmpty()
                        ? Objects.requireNonNullElse(request.getName(), "") : workload.name(),
                        workload.labels(), workload.annotations(), workload.template())
                : workload);
    }

    private static Optional<Operation> operation(String operation) {
        if (operation == null) {
            return Optional.empty();
        }
        return switch (operation) {
            case "CREATE" -> Optional.of(Operation.CREATE);
            case "UPDATE" -> Optional.of(Operation.UPDATE);
            default -> Optional.empty();
        };
    }

    private static String gvk(GroupVersionKind kind) {
        if (kind == null) {
            return "an unnamed kind";
        }
        String group = kind.getGroup() == null || kind.getGroup().isEmpty() ? "" : kind.getGroup() + "/";
        return group + kind.getVersion() + "/" + kind.getKind();
    }
}
