package io.rdbguard.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.rdbguard.core.check.Mode;
import io.rdbguard.core.check.Status;
import io.rdbguard.core.engine.CheckResult;
import io.rdbguard.core.engine.Decision;
import io.rdbguard.core.engine.Judge;
import io.rdbguard.core.workload.ReleaseChange;
import io.rdbguard.core.workload.Requester;
import io.rdbguard.helm.InvalidReleaseException;
import io.rdbguard.helm.ReleaseDecoder;
import io.rdbguard.helm.ReleasePreflight;
import io.rdbguard.helm.ReleaseRecord;
import io.rdbguard.kube.LiveObjects;
import io.rdbguard.kube.LiveStates;
import io.rdbguard.kube.OnLookupFailure;
import io.rdbguard.kube.Location;
import io.rdbguard.kube.ManifestReader;
import io.rdbguard.kube.ManifestReader.KubeObject;
import io.rdbguard.kube.Problem;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Helm release records in the audit's input (Secrets or ConfigMaps labelled owner=helm, as {@code kubectl get -o yaml}
 * gives them, or carried by an AdmissionReview), judged whole by the webhook's own pre-flight. Offline there is no
 * cluster: the workloads of the release's deployed record play the live objects, since they are what Helm applied
 * last.
 */
final class ReleaseAudit {

    /** The webhook's default bound on a decoded record (rdb-guard.helm.max-release-bytes). */
    static final long MAX_RELEASE_BYTES = 32L << 20;
    static final String DEPLOYED = "deployed";
    /** The webhook's default (rdb-guard.helm.lookup-deadline); offline lookups answer at once. */
    static final Duration LOOKUP_DEADLINE = Duration.ofSeconds(3);

    /** A release record from the input, decoded. */
    record Found(Location location, HasMetadata object, ReleaseRecord release) {

        String releaseKey() {
            return object.getMetadata().getNamespace() + "/" + release.name();
        }

        boolean deployed() {
            return DEPLOYED.equals(release.status());
        }

        /** "release mastodon (chart redis-19.6.4, revision 1, deployed) at old.yaml:1 (document 1)". */
        String describe() {
            String name = release.displayName();
            return name.substring(0, name.length() - 1) + ", " + release.status() + ") at " + location.describe();
        }
    }

    private final Judge judge;
    private final String defaultNamespace;
    private final ReleaseDecoder decoder = new ReleaseDecoder(MAX_RELEASE_BYTES);

    ReleaseAudit(Judge judge, String defaultNamespace) {
        this.judge = judge;
        this.defaultNamespace = defaultNamespace;
    }

    static boolean isRecord(HasMetadata object) {
        return ReleasePreflight.isReleaseRecord(object);
    }

    /** The record decoded, in the audit's namespace if it names none. */
    Found decode(Location location, HasMetadata record) throws InvalidReleaseException {
        HasMetadata placed = inNamespace(record, defaultNamespace);
        return new Found(location, placed, decoder.fromRecord(placed));
    }

    /** The record decoded; a record that cannot be decoded is a problem (the audit judges what it can read). */
    Optional<Found> read(KubeObject entry, List<Problem> problems) {
        HasMetadata record = entry.object();
        try {
            return Optional.of(decode(entry.location(), record));
        } catch (InvalidReleaseException e) {
            problems.add(new Problem(entry.location(), "is a Helm release record (" + record.getKind() + " "
                    + record.getMetadata().getName() + ") that cannot be decoded: " + e.getMessage()));
            return Optional.empty();
        }
    }

    /** Live objects offline: the objects at hand, read at once; no pods or volumes, so the templates are the truth. */
    static LiveStates offline(List<HasMetadata> objects) {
        return new LiveStates(new ObjectsAtHand(objects), Runnable::run, LOOKUP_DEADLINE, OnLookupFailure.ALLOW, false);
    }

    /** Live objects, pods and volumes of a cluster, read as the webhook reads them. */
    static LiveStates cluster(LiveObjects cluster) {
        return new LiveStates(cluster, Runnable::run, LOOKUP_DEADLINE, OnLookupFailure.ALLOW, true);
    }

    /** The latest deployed record of the release below {@code pending}'s revision among {@code candidates}. */
    static Optional<Found> deployedBefore(Found pending, List<Found> candidates) {
        return candidates.stream()
                .filter(c -> c.deployed() && c.releaseKey().equals(pending.releaseKey())
                        && c.release().version() < pending.release().version())
                .max(Comparator.comparingInt(c -> c.release().version()));
    }

    /** The objects of the record's manifest as kube entries placed at the record, in its namespace when they name none. */
    List<KubeObject> objects(Found record, List<Problem> problems) {
        ManifestReader.Manifests manifest = new ManifestReader(InputStream.nullInputStream())
                .readString(record.release().displayName() + " manifest", record.release().manifest());
        // Where, not what: the manifest may hold a Secret, so a parser's message is not repeated.
        manifest.problems().forEach(problem -> problems.add(new Problem(record.location(),
                "holds a manifest document that cannot be read: " + problem.location().describe())));
        return manifest.entries().stream().filter(KubeObject.class::isInstance)
                .map(entry -> new KubeObject(record.location(),
                        inNamespace(((KubeObject) entry).object(), record.object().getMetadata().getNamespace())))
                .toList();
    }

    /**
     * The pre-flight's decision on a record, with {@code live} as the live objects ({@link #offline} or
     * {@link #cluster}); {@code liveFrom} names where
     * they came from (null: nothing runs, as far as the audit knows). The release is one evaluation (its own results,
     * the webhook's denial message) and each workload in it another.
     */
    List<Evaluation> judge(Location location, HasMetadata record, String id, Requester requester, boolean dryRun,
                           LiveStates live, Location liveFrom, List<String> notes) {
        ReleasePreflight preflight = new ReleasePreflight(decoder, live, judge);
        Decision decision = preflight.review(record, id, requester, dryRun);
        if (liveFrom == null && decision.subject() instanceof ReleaseChange release && release.revision() > 1
                && !decision.parts().isEmpty()) {
            decision = withResult(decision, new CheckResult(ReleasePreflight.CHECK_ID, Mode.WARN, Status.WARN, null,
                    "no deployed revision of this release was given, so its workloads were judged as new and a change of"
                            + " snapshot format cannot be seen",
                    "give the deployed record too: --from it and --to this one, or both in one input (kubectl get secrets"
                            + " -n NAMESPACE -l owner=helm,name=RELEASE -o yaml | rdb-guard audit -), or use --cluster", null,
                    false));
        }
        List<Evaluation> evaluations = new ArrayList<>();
        evaluations.add(new Evaluation(location, liveFrom, decision, notes));
        for (Decision part : decision.parts()) {
            evaluations.add(new Evaluation(location, part.change().previous() == null ? null : liveFrom, part, List.of()));
        }
        return evaluations;
    }

    private static Decision withResult(Decision decision, CheckResult result) {
        return new Decision(decision.subject(), Stream.concat(decision.results().stream(), Stream.of(result)).toList(),
                decision.parts(), decision.charts());
    }

    private static HasMetadata inNamespace(HasMetadata object, String namespace) {
        String own = object.getMetadata().getNamespace();
        if (own == null || own.isBlank()) {
            object.getMetadata().setNamespace(namespace);
        }
        return object;
    }
}
