package io.rdbguard.kube;

import io.fabric8.kubernetes.api.model.GroupVersionKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.Operation;
import io.rdbguard.core.workload.Requester;
import io.rdbguard.core.workload.Workload;
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
    public static Optional<Change> fromAdmission(ReviewRequest request) {
        Optional<Operation> operation = operation(request);
        if (operation.isEmpty() || JudgedKind.ofGroupVersionKind(request.groupVersionKind()).isEmpty()) {
            return Optional.empty();
        }
        Optional<Workload> judged = workload(request.object(), "request.object", request);
        if (judged.isEmpty()) {
            return Optional.empty();
        }
        Workload previous = operation.get() == Operation.UPDATE
                ? workload(request.oldObject(), "request.oldObject", request).orElse(null) : null;
        return Optional.of(new Change(request.uid(), operation.get(), judged.get(), previous, request.requester(),
                request.dryRun()));
    }

    /**
     * The change an admission request asks for, with the live state of its StatefulSet where the template is not the
     * truth (read within {@code live}'s deadline, from now, when a check asks).
     */
    public static Optional<Change> fromAdmission(ReviewRequest request, LiveStates live) {
        long deadline = live.deadlineFromNow();
        return fromAdmission(request).map(change -> change.withLive(live.lookupFor(request.object(),
                change.operation() == Operation.UPDATE ? request.oldObject() : null, deadline)));
    }

    /** A change read offline (files, a cluster): nothing is applied, like a server-side dry run, and no user is named. */
    public static Change offline(String id, Workload workload, Workload previous) {
        return new Change(id, previous == null ? Operation.CREATE : Operation.UPDATE, workload, previous, Requester.UNKNOWN, true);
    }

    /** CREATE or UPDATE; empty for the operations rdb-guard lets through (DELETE, CONNECT). */
    public static Optional<Operation> operation(ReviewRequest request) {
        String operation = request.operation();
        if (operation == null) {
            return Optional.empty();
        }
        return switch (operation) {
            case "CREATE" -> Optional.of(Operation.CREATE);
            case "UPDATE" -> Optional.of(Operation.UPDATE);
            default -> Optional.empty();
        };
    }

    /** "apps/v1/StatefulSet", as request.kind names it. */
    public static String groupVersionKind(GroupVersionKind kind) {
        if (kind == null) {
            return "an unnamed kind";
        }
        String group = kind.getGroup() == null || kind.getGroup().isEmpty() ? "" : kind.getGroup() + "/";
        return group + kind.getVersion() + "/" + kind.getKind();
    }

    private static Optional<Workload> workload(HasMetadata object, String field, ReviewRequest request) {
        if (object == null) {
            throw new BadReviewException(400, field + " is missing; a " + request.operation() + " of "
                    + request.groupVersionKind() + " must carry it");
        }
        if (object.getApiVersion() == null || object.getKind() == null) {
            throw new BadReviewException(400, field + " is not a Kubernetes object with apiVersion, kind and metadata");
        }
        String objectKind = object.getApiVersion() + "/" + object.getKind();
        if (!objectKind.equals(request.groupVersionKind())) {
            throw new BadReviewException(400, field + " is a " + object.getApiVersion() + " " + object.getKind()
                    + " but request.kind is " + request.groupVersionKind() + "; they must agree");
        }
        // kube-apiserver fills in the namespace on the request even when the object omits it (generateName, CREATE).
        return WorkloadMapper.toWorkload(object).map(workload -> request.namespace() == null ? workload
                : workload.inNamespaceIfNone(request.namespace())
                        .namedIfNone(Objects.requireNonNullElse(request.name(), "")));
    }
}
