package io.rdbguard.webhook;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.quarkus.runtime.configuration.MemorySize;
import io.rdbguard.core.engine.Judge;
import io.rdbguard.helm.ReleaseDecoder;
import io.rdbguard.helm.ReleasePreflight;
import io.rdbguard.kube.BadReviewException;
import io.rdbguard.kube.LiveStates;
import io.rdbguard.kube.ReviewRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Helm release records (Secrets or ConfigMaps labelled owner=helm) judged as whole releases before Helm applies them. */
@ApplicationScoped
public class ReleaseReviews {

    private final ReleasePreflight preflight;

    /**
     * Release records judged at once. A record of tens of KB can decode to megabytes (rdb-guard.helm.max-release-bytes),
     * far beyond what rdb-guard.max-in-flight-bytes counts; eight at once exhausted the 192 MiB heap of the production
     * flags (HeavyInputIT). Helm writes one record per upgrade, so judging them two at a time delays nobody.
     */
    private static final int CONCURRENT_RELEASES = 2;
    /** How long a record waits for its turn before it is refused with 429, well inside the webhook's timeout. */
    private static final Duration QUEUE_DEADLINE = Duration.ofSeconds(3);

    private final Semaphore judging = new Semaphore(CONCURRENT_RELEASES, true);

    @Inject
    ReleaseReviews(LiveStates live, @Preflight Judge judge,
                   @ConfigProperty(name = "rdb-guard.helm.max-release-bytes") MemorySize maxReleaseBytes) {
        this(new ReleasePreflight(new ReleaseDecoder(maxReleaseBytes.asLongValue()), live, judge));
    }

    /** With another source of live objects: the in-process tests run the endpoint's code path without an API server. */
    ReleaseReviews(ReleasePreflight preflight) {
        this.preflight = preflight;
    }

    /**
     * The release record this request writes, if it writes one (CREATE or UPDATE of a v1 Secret or ConfigMap): the
     * reader ({@link io.rdbguard.kube.AdmissionReviews}) keeps a Secret's or ConfigMap's object only when it is one.
     */
    public static Optional<HasMetadata> releaseRecord(ReviewRequest request) {
        return Optional.ofNullable(request.object()).filter(ReleasePreflight::isReleaseRecord)
                .map(record -> inRequestNamespace(record, request));
    }

    /**
     * The pre-flight reads live objects in the record's namespace only. kube-apiserver names it on the request even when
     * the object omits it (as Changes does for workloads); a record with neither cannot be judged.
     */
    private static HasMetadata inRequestNamespace(HasMetadata record, ReviewRequest request) {
        String namespace = record.getMetadata().getNamespace();
        if (namespace == null || namespace.isBlank()) {
            if (request.namespace() == null || request.namespace().isBlank()) {
                throw new BadReviewException(400, "request.namespace is missing; a Helm release record is a namespaced "
                        + record.getKind() + " and kube-apiserver always names its namespace");
            }
            record.getMetadata().setNamespace(request.namespace());
        }
        return record;
    }

    /** Blocking: waits for its turn, then reads live objects from the Kubernetes API. */
    AdmissionResponses.Review review(ReviewRequest request, HasMetadata record) {
        acquireTurn();
        try {
            return AdmissionResponses.of(request.uid(), preflight.review(record, request.uid(), request.requester(),
                    request.dryRun()));
        } finally {
            judging.release();
        }
    }

    private void acquireTurn() {
        try {
            if (!judging.tryAcquire(QUEUE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new BadReviewException(429, "rdb-guard is already judging " + CONCURRENT_RELEASES
                        + " other Helm release records; retry (kube-apiserver applies the webhook's failurePolicy to this answer)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadReviewException(503, "rdb-guard is shutting down");
        }
    }
}
