package io.rdbguard.webhook;

import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.rdbguard.core.engine.Judge;
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
 * Evaluation is CPU-only and takes microseconds, so it runs on the I/O thread.
 */
@Path("/validate")
public class ValidateResource {

    private final AdmissionReviewReader reader;
    private final Judge judge;

    ValidateResource(AdmissionReviewReader reader, Judge judge) {
        this.reader = reader;
        this.judge = judge;
    }

    @POST
    @NonBlocking
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public AdmissionResponses.Review validate(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        AdmissionRequest request = reader.read(contentType, body);
        return AdmissionChanges.from(request)
                .map(change -> AdmissionResponses.of(request.getUid(), judge.judge(change)))
                .orElseGet(() -> AdmissionResponses.allowed(request.getUid()));
    }
}
