package io.rdbguard.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.rdbguard.core.engine.Judge;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.Workload;
import io.rdbguard.kube.AdmissionReviews;
import io.rdbguard.kube.BadReviewException;
import io.rdbguard.kube.Changes;
import io.rdbguard.kube.Location;
import io.rdbguard.kube.ManifestReader.Entry;
import io.rdbguard.kube.ManifestReader.KubeObject;
import io.rdbguard.kube.ManifestReader.Manifests;
import io.rdbguard.kube.ManifestReader.Review;
import io.rdbguard.kube.Problem;
import io.rdbguard.kube.WorkloadMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns manifests into the changes the webhook would judge and judges them with the one engine: each workload of a file
 * as a CREATE, each pair of old and new workloads as an UPDATE, each AdmissionReview exactly as the webhook reads it.
 */
final class Auditor {

    /** The webhook's reader, with the ObjectMapper settings Quarkus gives it (unknown fields are ignored). */
    private static final AdmissionReviews REVIEWS = new AdmissionReviews(
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false));

    private final Judge judge;
    private final String defaultNamespace;
    private final List<Evaluation> evaluations = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private int unjudged;

    /** {@code defaultNamespace}: where an object without a namespace goes, as {@code kubectl apply -n} would put it. */
    Auditor(Judge judge, String defaultNamespace) {
        this.judge = judge;
        this.defaultNamespace = defaultNamespace;
    }

    /** Every workload rdb-guard judges as a CREATE; every AdmissionReview as the webhook would. */
    AuditReport files(Manifests manifests, FailOn failOn) {
        problems.addAll(manifests.problems());
        for (Entry entry : manifests.entries()) {
            if (entry instanceof Review review) {
                review(review);
            } else {
                workload((KubeObject) entry).ifPresent(workload -> evaluations.add(new Evaluation(entry.location(), null,
                        judge.judge(Changes.offline(entry.location().describe(), workload, null)), List.of())));
            }
        }
        return report(failOn);
    }

    /**
     * Pairs workloads by kind, namespace and name and judges each pair as an UPDATE; a workload only in {@code to} is a
     * CREATE, one only in {@code from} would be deleted and is noted.
     */
    AuditReport pairs(Manifests from, Manifests to, FailOn failOn) {
        problems.addAll(from.problems());
        problems.addAll(to.problems());
        Map<String, Located> before = index(from, "--from");
        Map<String, Located> after = index(to, "--to");
        after.forEach((key, now) -> {
            Located then = before.get(key);
            if (then == null) {
                evaluations.add(new Evaluation(now.location(), null,
                        judge.judge(Changes.offline(now.location().describe(), now.workload(), null)),
                        List.of("only in --to: a new " + now.workload().kind() + ", judged as a CREATE")));
            } else {
                evaluations.add(new Evaluation(now.location(), then.location(),
                        judge.judge(Changes.offline(now.location().describe(), now.workload(), then.workload())), List.of()));
            }
        });
        before.forEach((key, then) -> {
            if (!after.containsKey(key)) {
                notes.add(then.workload().displayName() + " is only in --from (" + then.location().describe()
                        + "): the upgrade would delete it; deletions are not judged");
            }
        });
        return report(failOn);
    }

    private record Located(Location location, Workload workload) {
    }

    private Map<String, Located> index(Manifests manifests, String side) {
        Map<String, Located> index = new LinkedHashMap<>();
        for (Entry entry : manifests.entries()) {
            if (entry instanceof Review review) {
                problems.add(new Problem(review.location(), "is an AdmissionReview, which carries its own old object;"
                        + " audit it on its own, without --from/--to"));
                continue;
            }
            workload((KubeObject) entry).ifPresent(workload -> {
                String key = workload.kind() + "/" + workload.namespace() + "/" + workload.name();
                Located first = index.putIfAbsent(key, new Located(entry.location(), workload));
                if (first != null) {
                    problems.add(new Problem(entry.location(), workload.displayName() + " appears again in " + side
                            + " (first at " + first.location().describe() + "); which one is meant? Keep one"));
                }
            });
        }
        return index;
    }

    private Optional<Workload> workload(KubeObject entry) {
        Optional<Workload> workload = WorkloadMapper.toWorkload(entry.object());
        if (workload.isEmpty()) {
            unjudged++;
            return workload;
        }
        return workload.map(w -> w.inNamespaceIfNone(defaultNamespace));
    }

    private void review(Review review) {
        try {
            AdmissionRequest request = REVIEWS.read(review.review());
            Optional<Change> change = Changes.fromAdmission(request);
            if (change.isPresent()) {
                evaluations.add(new Evaluation(review.location(), null, judge.judge(change.get()),
                        List.of("AdmissionReview " + request.getUid() + ", judged as the webhook would")));
            } else {
                notes.add(review.location().describe() + ": AdmissionReview for a " + request.getOperation() + " of "
                        + (request.getKind() == null ? "an unnamed kind" : request.getKind().getKind())
                        + ": allowed, rdb-guard does not judge it");
            }
        } catch (BadReviewException e) {
            problems.add(new Problem(review.location(), "is not an AdmissionReview the webhook would accept: " + e.getMessage()));
        }
    }

    private AuditReport report(FailOn failOn) {
        List<String> all = new ArrayList<>(notes);
        if (unjudged > 0) {
            all.add(unjudged + (unjudged == 1 ? " object" : " objects") + " rdb-guard does not judge skipped (it judges StatefulSets, and Deployments, DaemonSets and ReplicaSets managed by Helm)");
        }
        return new AuditReport(evaluations, problems, all, failOn);
    }
}
