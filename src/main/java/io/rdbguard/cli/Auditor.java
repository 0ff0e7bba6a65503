package io.rdbguard.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.rdbguard.cli.ReleaseAudit.Found;
import io.rdbguard.core.engine.Judge;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.Requester;
import io.rdbguard.core.workload.Workload;
import io.rdbguard.helm.InvalidReleaseException;
import io.rdbguard.helm.ReleasePreflight;
import io.rdbguard.kube.AdmissionReviews;
import io.rdbguard.kube.BadReviewException;
import io.rdbguard.kube.Changes;
import io.rdbguard.kube.FieldPositions;
import io.rdbguard.kube.Location;
import io.rdbguard.kube.ManifestReader.Entry;
import io.rdbguard.kube.ManifestReader.KubeObject;
import io.rdbguard.kube.ManifestReader.Manifests;
import io.rdbguard.kube.ManifestReader.Review;
import io.rdbguard.kube.Problem;
import io.rdbguard.kube.ReviewRequest;
import io.rdbguard.kube.WorkloadMapper;
import io.rdbguard.webhook.ReleaseReviews;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns manifests into the changes the webhook would judge and judges them with the one engine: each workload of a file
 * as a CREATE, each pair of old and new workloads as an UPDATE, each AdmissionReview exactly as the webhook reads it,
 * and each pending Helm release record as the webhook's pre-flight judges it ({@link ReleaseAudit}).
 */
final class Auditor {

    /** The webhook's reader, with the ObjectMapper settings Quarkus gives it (unknown fields are ignored). */
    private static final AdmissionReviews REVIEWS = new AdmissionReviews(
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false), ReleasePreflight::isReleaseRecord);

    private final Judge judge;
    private final String defaultNamespace;
    private final ReleaseAudit releases;
    private final List<Evaluation> evaluations = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private int unjudged;

    /** {@code defaultNamespace}: where an object without a namespace goes, as {@code kubectl apply -n} would put it. */
    Auditor(Judge judge, String defaultNamespace) {
        this.judge = judge;
        this.defaultNamespace = defaultNamespace;
        this.releases = new ReleaseAudit(judge, defaultNamespace);
    }

    /** A release record an AdmissionReview carries, with the request that carries it. */
    private record Carried(Location location, HasMetadata record, ReviewRequest request) {
    }

    /**
     * Every workload rdb-guard judges as a CREATE; every AdmissionReview as the webhook would; every pending release
     * record against the deployed record of its release in the same input (the workloads of a deployed record that no
     * pending one follows are judged as CREATEs, as they run).
     */
    AuditReport files(Manifests manifests, FailOn failOn) {
        return files(manifests, failOn, false);
    }

    /**
     * As {@link #files(Manifests, FailOn)}; with {@code rollbacks}, the release records are judged for {@code helm
     * rollback} instead: each earlier revision's workloads as an UPDATE of the latest deployed revision's.
     */
    AuditReport files(Manifests manifests, FailOn failOn, boolean rollbacks) {
        problems.addAll(manifests.problems());
        List<Found> records = new ArrayList<>();
        List<Carried> carried = new ArrayList<>();
        for (Entry entry : manifests.entries()) {
            if (entry instanceof Review review) {
                review(review).ifPresent(carried::add);
            } else if (ReleaseAudit.isRecord(((KubeObject) entry).object())) {
                releases.read((KubeObject) entry, problems).ifPresent(records::add);
            } else {
                create((KubeObject) entry, List.of());
            }
        }
        if (rollbacks) {
            rollbacks(records);
            return report(failOn);
        }
        Set<Found> baselines = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Found record : records) {
            if (record.release().isPending()) {
                Optional<Found> deployed = ReleaseAudit.deployedBefore(record, records);
                deployed.ifPresent(baselines::add);
                judgeRelease(record.location(), record.object(), record.location().describe(), Requester.UNKNOWN, true,
                        deployed, List.of());
            }
        }
        for (Carried review : carried) {
            Optional<Found> deployed = decoded(review).flatMap(pending -> ReleaseAudit.deployedBefore(pending, records));
            deployed.ifPresent(baselines::add);
            judgeRelease(review.location(), review.record(), review.request().uid(), review.request().requester(),
                    review.request().dryRun(), deployed,
                    List.of("AdmissionReview " + review.request().uid() + ", judged as the webhook would"));
        }
        for (Found record : records) {
            if (record.release().isPending() || baselines.contains(record)) {
                continue;
            }
            if (record.deployed() && latestDeployed(record, records)) {
                String note = "from the manifest of " + record.describe();
                releases.objects(record, problems).forEach(object -> create(object, List.of(note)));
            } else {
                notes.add(record.describe() + ": not judged (only pending records, and the workloads of the latest"
                        + " deployed one, are)");
            }
        }
        return report(failOn);
    }

    /**
     * Pairs workloads by kind, namespace and name and judges each pair as an UPDATE; a workload only in {@code to} is a
     * CREATE, one only in {@code from} would be deleted and is noted. A deployed release record on either side stands
     * for the workloads of its manifest; a pending one in {@code to} is judged by the pre-flight with the workloads of
     * {@code from} as the live objects.
     */
    AuditReport pairs(Manifests from, Manifests to, FailOn failOn) {
        problems.addAll(from.problems());
        problems.addAll(to.problems());
        List<Found> pending = new ArrayList<>();
        List<Found> fromRecords = new ArrayList<>();
        List<KubeObject> fromObjects = objects(from, "--from", fromRecords, null);
        List<KubeObject> toObjects = objects(to, "--to", new ArrayList<>(), pending);
        Map<String, Located> before = index(fromObjects, "--from");
        Map<String, Located> after = index(toObjects, "--to");
        after.forEach((key, now) -> {
            Located then = before.get(key);
            if (then == null) {
                evaluations.add(new Evaluation(now.location(), null,
                        judge.judge(Changes.offline(now.location().describe(), now.workload(), null)),
                        List.of("only in --to: a new " + now.workload().kind() + ", judged as a CREATE"), now.positions()));
            } else {
                evaluations.add(new Evaluation(now.location(), then.location(),
                        judge.judge(Changes.offline(now.location().describe(), now.workload(), then.workload())), List.of(),
                        now.positions()));
            }
        });
        before.forEach((key, then) -> {
            if (!after.containsKey(key) && pending.isEmpty()) {
                notes.add(then.workload().displayName() + " is only in --from (" + then.location().describe()
                        + "): the upgrade would delete it; deletions are not judged");
            }
        });
        List<HasMetadata> live = fromObjects.stream().map(KubeObject::object).toList();
        for (Found record : pending) {
            Optional<Found> deployed = ReleaseAudit.deployedBefore(record, fromRecords);
            Location liveFrom = deployed.map(Found::location)
                    .orElse(fromObjects.isEmpty() ? null : Location.whole(fromObjects.get(0).location().source()));
            List<String> note = liveFrom == null ? List.of() : List.of("live objects: the workloads of "
                    + deployed.map(Found::describe).orElse("--from " + liveFrom.describe()));
            evaluations.addAll(releases.judge(record.location(), record.object(), record.location().describe(),
                    Requester.UNKNOWN, true, ReleaseAudit.offline(live), liveFrom, note));
        }
        return report(failOn);
    }

    private record Located(Location location, Workload workload, FieldPositions positions) {
    }

    /**
     * The objects of one side of a pair: plain objects as they are, release records as the objects of their manifest
     * (on {@code --from} only the latest deployed record of each release: what runs); pending records of {@code --to} go
     * to {@code pending}, to be judged whole.
     */
    private List<KubeObject> objects(Manifests manifests, String side, List<Found> records, List<Found> pending) {
        List<KubeObject> objects = new ArrayList<>();
        List<Found> found = new ArrayList<>();
        for (Entry entry : manifests.entries()) {
            if (entry instanceof Review review) {
                problems.add(new Problem(review.location(), "is an AdmissionReview, which carries its own old object;"
                        + " audit it on its own, without --from/--to"));
            } else if (ReleaseAudit.isRecord(((KubeObject) entry).object())) {
                releases.read((KubeObject) entry, problems).ifPresent(found::add);
            } else {
                objects.add((KubeObject) entry);
            }
        }
        for (Found record : found) {
            if (record.release().isPending() && pending != null) {
                pending.add(record);
            } else if (record.release().isPending()) {
                problems.add(new Problem(record.location(), "is the pending " + record.describe() + "; --from is what"
                        + " runs now: give the deployed record (kubectl get secret -n " + record.object().getMetadata().getNamespace()
                        + " -l owner=helm,name=" + record.release().name() + ",status=deployed -o yaml), and this one as --to"));
            } else if (pending == null && !(record.deployed() && latestDeployed(record, found))) {
                notes.add(record.describe() + ": not used (--from stands for what runs: the latest deployed record)");
            } else {
                records.add(record);
                objects.addAll(releases.objects(record, problems));
            }
        }
        return objects;
    }

    /**
     * Would {@code helm rollback RELEASE N} be safe for the data on disk? Helm applies revision N's manifest over what the
     * latest deployed revision runs, so each earlier revision's workloads are judged as UPDATEs of the deployed ones: a
     * rollback across a snapshot-format change is an image that cannot read the data (rdb-unreadable).
     */
    private void rollbacks(List<Found> records) {
        Map<String, List<Found>> byRelease = new LinkedHashMap<>();
        records.forEach(record -> byRelease.computeIfAbsent(record.releaseKey(), key -> new ArrayList<>()).add(record));
        byRelease.forEach((release, revisions) -> {
            Optional<Found> deployed = revisions.stream().filter(Found::deployed)
                    .max(Comparator.comparingInt(r -> r.release().version()));
            if (deployed.isEmpty()) {
                notes.add("release " + release + ": no deployed record in the input, so no rollback can be judged;"
                        + " include it (kubectl get secrets -l owner=helm,name=RELEASE -o yaml)");
                return;
            }
            Found current = deployed.get();
            Map<String, Located> running = index(releases.objects(current, problems), "revision " + current.release().version());
            List<Found> earlier = revisions.stream()
                    .filter(r -> !r.release().isPending() && r.release().version() < current.release().version())
                    .sorted(Comparator.comparingInt((Found r) -> r.release().version()).reversed()).toList();
            if (earlier.isEmpty()) {
                notes.add(current.describe() + ": no earlier revision in the input to roll back to");
            }
            for (Found target : earlier) {
                String rollback = "helm rollback " + target.release().name() + " " + target.release().version()
                        + " (from revision " + current.release().version() + ")";
                index(releases.objects(target, problems), "revision " + target.release().version()).forEach((key, then) -> {
                    Located now = running.get(key);
                    evaluations.add(new Evaluation(target.location(), now == null ? null : now.location(),
                            judge.judge(Changes.offline(target.location().describe() + "/" + then.workload().name(),
                                    then.workload(), now == null ? null : now.workload())),
                            List.of(rollback + (now == null ? ": recreates it" : ""))));
                });
            }
        });
    }

    private static boolean latestDeployed(Found record, List<Found> records) {
        return records.stream().noneMatch(other -> other.deployed() && other.releaseKey().equals(record.releaseKey())
                && other.release().version() > record.release().version());
    }

    private Map<String, Located> index(List<KubeObject> objects, String side) {
        Map<String, Located> index = new LinkedHashMap<>();
        for (KubeObject entry : objects) {
            workload(entry).ifPresent(workload -> {
                String key = workload.kind() + "/" + workload.namespace() + "/" + workload.name();
                Located first = index.putIfAbsent(key, new Located(entry.location(), workload, entry.positions()));
                if (first != null) {
                    problems.add(new Problem(entry.location(), workload.displayName() + " appears again in " + side
                            + " (first at " + first.location().describe() + "); which one is meant? Keep one"));
                }
            });
        }
        return index;
    }

    private void create(KubeObject entry, List<String> notes) {
        workload(entry).ifPresent(workload -> evaluations.add(new Evaluation(entry.location(), null,
                judge.judge(Changes.offline(entry.location().describe(), workload, null)), notes, entry.positions())));
    }

    private Optional<Workload> workload(KubeObject entry) {
        Optional<Workload> workload = WorkloadMapper.toWorkload(entry.object());
        if (workload.isEmpty()) {
            unjudged++;
            return workload;
        }
        return workload.map(w -> w.inNamespaceIfNone(defaultNamespace));
    }

    /** Judges a workload review at once; a review of a release record is returned, to be judged with the records. */
    private Optional<Carried> review(Review review) {
        try {
            ReviewRequest request = REVIEWS.read(review.review());
            Optional<Change> change = Changes.fromAdmission(request);
            if (change.isPresent()) {
                evaluations.add(new Evaluation(review.location(), null, judge.judge(change.get()),
                        List.of("AdmissionReview " + request.uid() + ", judged as the webhook would")));
                return Optional.empty();
            }
            Optional<HasMetadata> record = ReleaseReviews.releaseRecord(request);
            if (record.isPresent()) {
                return Optional.of(new Carried(review.location(), record.get(), request));
            }
            notes.add(review.location().describe() + ": AdmissionReview for a " + request.operation() + " of "
                    + (request.kind() == null ? "an unnamed kind" : request.kind().getKind())
                    + ": allowed, rdb-guard does not judge it");
        } catch (BadReviewException e) {
            problems.add(new Problem(review.location(), "is not an AdmissionReview the webhook would accept: " + e.getMessage()));
        }
        return Optional.empty();
    }

    /** The release in a review's record, to find its deployed revision; one that cannot be decoded is judged as such. */
    private Optional<Found> decoded(Carried review) {
        try {
            return Optional.of(releases.decode(review.location(), review.record()));
        } catch (InvalidReleaseException e) {
            return Optional.empty();
        }
    }

    private void judgeRelease(Location location, HasMetadata record, String id, Requester requester, boolean dryRun,
                              Optional<Found> deployed, List<String> notes) {
        List<HasMetadata> live = deployed.map(d -> releases.objects(d, new ArrayList<>()).stream()
                .map(KubeObject::object).toList()).orElse(List.of());
        List<String> all = new ArrayList<>(notes);
        deployed.ifPresent(d -> all.add("live objects: the workloads of " + d.describe()));
        evaluations.addAll(releases.judge(location, record, id, requester, dryRun, ReleaseAudit.offline(live),
                deployed.map(Found::location).orElse(null), all));
    }

    private AuditReport report(FailOn failOn) {
        List<String> all = new ArrayList<>(notes);
        if (unjudged > 0) {
            all.add(unjudged + (unjudged == 1 ? " object" : " objects") + " rdb-guard does not judge skipped (it judges StatefulSets, and Deployments, DaemonSets and ReplicaSets managed by Helm)");
        }
        return new AuditReport(evaluations, problems, all, failOn);
    }
}
