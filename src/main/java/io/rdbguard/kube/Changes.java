package io.rdbguard.kube;

import io.fabric8.kubernetes.api.model.GroupVersionKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.Operation;
import io.rdbguard.core.workload.Requester;
import io.rdbguard.core.workload.Workload;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one way into the core: every input (an AdmissionReview, manifest files, old/new pairs, live objects, the
 * workloads of a Helm release) becomes a {@link Change} here.
 */
public final class Changes {

    private Changes() {
    }

    /** The change an admission request asks for, or nothing for requests rdb-guard does not judge. */
    public static Optional<Change> fromAdmission(AdmissionRequest request) {
        Optional<Operation> operation = operation(request);
        if (operation.isEmpty() || JudgedKind.ofGroupVersionKind(groupVersionKind(request.getKind())).isEmpty()) {
            return Optional.empty();
        }
        Optional<Workload> judged = workload(request.getObject(), "request.object", request);
        if (judged.isEmpty()) {
            return Optional.empty();
        }
        Workload previous = operation.get() == Operation.UPDATE
                ? workload(request.getOldObject(), "request.oldObject", request).orElse(null) : null;
        return Optional.of(new Change(request.getUid(), operation.get(), judged.get(), previous, requester(request),
                Boolean.TRUE.equals(request.getDryRun())));
    }

    /**
     * The change an admission request asks for, with the live state of its StatefulSet where the template is not the
     * truth (read within {@code live}'s deadline, from now, when a check asks).
     */
    public static Optional<Change> fromAdmission(AdmissionRequest request, LiveStates live) {
        long deadline = live.deadlineFromNow();
        return fromAdmission(request).map(change -> change.withLive(live.lookupFor((HasMetadata) request.getObject(),
                change.operation() == Operation.UPDATE ? (HasMetadata) request.getOldObject() : null, deadline)));
    }

    /** A change read offline (files, a cluster): nothing is applied, like a server-side dry run, and no user is named. */
    public static Change offline(String id, Workload workload, Workload previous) {
        return new Change(id, previous == null ? Operation.CREATE : Operation.UPDATE, workload, previous, Requester.UNKNOWN, true);
    }

    /** CREATE or UPDATE; empty for the operations rdb-guard lets through (DELETE, CONNECT). */
    public static Optional<Operation> operation(AdmissionRequest request) {
        String operation = request.getOperation();
        if (operation == null) {
            return Optional.empty();
        }
        return switch (operation) {
            case "CREATE" -> Optional.of(Operation.CREATE);
            case "UPDATE" -> Optional.of(Operation.UPDATE);
            default -> Optional.empty();
        };
    }

    /** Who asked (request.userInfo); exemptions may be limited to some users and groups. */
    public static Requester requester(AdmissionRequest request) {
        var user = request.getUserInfo();
        if (user == null) {
            return Requester.UNKNOWN;
        }
        return new Requester(Objects.requireNonNullElse(user.getUsername(), ""),
                Objects.requireNonNullElse(user.getGroups(), List.of()));
    }

    /** "apps/v1/StatefulSet", as request.kind names it. */
    public static String groupVersionKind(GroupVersionKind kind) {
        if (kind == null) {
            return "an unnamed kind";
        }
        String group = kind.getGroup() == null || kind.getGroup().isEmpty() ? "" : kind.getGroup() + "/";
        return group + kind.getVersion() + "/" + kind.getKind();
    }

    private static Optional<Workload> workload(Object object, String field, AdmissionRequest request) {
        if (object == null) {
            throw new BadReviewException(400, field + " is missing; a " + request.getOperation() + " of "
                    + groupVersionKind(request.getKind()) + " must carry it");
        }
        if (!(object instanceof HasMetadata resource)) {
            throw new BadReviewException(400, field + " is not a Kubernetes object with apiVersion, kind and metadata");
        }
        String objectKind = resource.getApiVersion() + "/" + resource.getKind();
        if (!objectKind.equals(groupVersionKind(request.getKind()))) {
            throw new BadReviewException(400, field + " is a " + resource.getApiVersion() + " " + resource.getKind()
                    + " but request.kind is " + groupVersionKind(request.getKind()) + "; they must agree");
        }
        // kube-apiserver fills in the namespace on the request even when the object omits it (generateName, CREATE).
        return WorkloadMapper.toWorkload(resource).map(workload -> request.getNamespace() == null ? workload
                : workload.inNamespaceIfNone(request.getNamespace())
                        .namedIfNone(Objects.requireNonNullElse(request.getName(), "")));
    }
}
