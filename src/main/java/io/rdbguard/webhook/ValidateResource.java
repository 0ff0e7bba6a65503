package io.rdbguard.webhook;

import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rdbguard.core.engine.Judge;
import io.rdbguard.kube.AdmissionReviews;
import io.rdbguard.kube.Changes;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.Optional;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /validate}: the endpoint kube-apiserver calls.
 *
 * <pre>
 * HTTP status  when
 * 200          a verdict: allowed (possibly with warnings) or denied (response.status.code 403 + message);
 *              also every request rdb-guard does not judge (other kinds, DELETE, CONNECT): allowed untouched
 * 400          body is not JSON, not an admission.k8s.io/v1 AdmissionReview, lacks request/uid, or its object
 *              does not have the shape of its kind
 * 413          body over quarkus.http.limits.max-body-size (7 MiB)
 * 415          Content-Type is not application/json
 * 503          no policy loaded yet (the webhook is not ready); kube-apiserver then applies failurePolicy
 * </pre>
 * Every non-200 answer is a Kubernetes Status object whose message says what is wrong.
 * A workload's evaluation is CPU-only and takes microseconds, so it runs on the I/O thread; a Helm release record
 * (pre-flight of a whole release) needs the Kubernetes API and runs on a worker thread.
 */
@Path("/validate")
public class ValidateResource {

    private final AdmissionReviews reader;
    private final Judge judge;
    private final ReleaseReviews releases;

    ValidateResource(ObjectMapper mapper, Judge judge, ReleaseReviews releases) {
        this.reader = new AdmissionReviews(mapper);
        this.judge = judge;
        this.releases = releases;
    }

    @POST
    @NonBlocking
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<AdmissionResponses.Review> validate(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        AdmissionRequest request = reader.read(contentType, body);
        Optional<HasMetadata> release = ReleaseReviews.releaseRecord(request);
        if (release.isPresent()) {
            // A whole release is judged against live objects read from the API: off the I/O thread.
            return Uni.createFrom().item(() -> releases.review(request, release.get()))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }
        return Uni.createFrom().item(Changes.fromAdmission(request)
                .map(change -> AdmissionResponses.of(request.getUid(), judge.judge(change)))
                .orElseGet(() -> AdmissionResponses.allowed(request.getUid())));
    }
}
