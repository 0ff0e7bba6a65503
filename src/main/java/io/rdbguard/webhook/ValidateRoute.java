package io.rdbguard.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.rdbguard.core.engine.Judge;
import io.rdbguard.helm.ReleasePreflight;
import io.rdbguard.kube.AdmissionReviews;
import io.rdbguard.kube.BadReviewException;
import io.rdbguard.kube.Changes;
import io.rdbguard.kube.LiveStates;
import io.rdbguard.kube.ReviewRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * {@code POST /validate}: the endpoint kube-apiserver calls. The body has been read by {@link BoundedBodyReader}.
 *
 * <pre>
 * HTTP status  when
 * 200          a verdict: allowed (possibly with warnings) or denied (response.status.code 403 + message);
 *              also every request rdb-guard does not judge (other kinds, DELETE, CONNECT): allowed untouched
 * 400          body is not JSON, not an admission.k8s.io/v1 AdmissionReview, lacks request/uid, or its object
 *              does not have the shape of its kind
 * 408          body not complete within rdb-guard.request-timeout of the headers
 * 413          body over quarkus.http.limits.max-body-size (7 MiB)
 * 405          not a POST
 * 415          Content-Type is not application/json
 * 429          the reviews in progress already hold rdb-guard.max-in-flight-bytes of request bodies
 * 503          no policy loaded yet (the webhook is not ready); kube-apiserver then applies failurePolicy
 * </pre>
 * Every non-200 answer is a Kubernetes Status object whose message says what is wrong.
 * Reviews run on worker threads: the I/O threads keep serving TLS and other connections while a large body is parsed
 * or a Helm release is checked against the Kubernetes API. How many run at once is bounded by {@link InFlightBytes}.
 */
@ApplicationScoped
public class ValidateRoute {

    static final String PATH = "/validate";

    private final AdmissionReviews reader;
    private final Judge judge;
    private final ReleaseReviews releases;
    private final LiveStates live;
    private final ObjectMapper mapper;
    private final Vertx vertx;

    ValidateRoute(Judge judge, ReleaseReviews releases, LiveStates live, ObjectMapper mapper, Vertx vertx) {
        this.reader = new AdmissionReviews(mapper, ReleasePreflight::isReleaseRecord);
        this.judge = judge;
        this.releases = releases;
        this.live = live;
        this.mapper = mapper;
        this.vertx = vertx;
    }

    void install(@Observes Router router) {
        router.post(PATH).handler(this::validate);
        String onlyPost = ErrorResponses.json(mapper, 405, PATH + " accepts only POST: kube-apiserver sends AdmissionReviews with POST");
        router.route(PATH).handler(context -> {
            context.response().putHeader(HttpHeaders.ALLOW, "POST");
            ErrorResponses.respond(context, 405, onlyPost);
        });
    }

    private void validate(RoutingContext context) {
        answer(context, this::review);
    }

    /**
     * Runs {@code reviewer} on the body and sends its review, or the Status of its failure. Parsing a review of
     * megabytes takes long enough to stall every connection of an I/O thread: a worker does it. The bench floor path
     * ({@link BenchFloorRoute}) answers through here too, so that it pays for exactly what /validate pays around a review.
     */
    void answer(RoutingContext context, BiFunction<String, byte[], AdmissionResponses.Review> reviewer) {
        String contentType = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
        byte[] body = BoundedBodyReader.body(context);
        vertx.executeBlocking(() -> reviewer.apply(contentType, body), false)
                .onSuccess(review -> send(context, review))
                .onFailure(failure -> fail(context, failure));
    }

    /**
     * Blocking: a Helm release record is judged against live objects read from the Kubernetes API, a StatefulSet against
     * its pods and volumes where its template is not the truth (docs/live-state.md). Package-private:
     * the in-process fuzz test runs every review through it, without HTTP.
     */
    AdmissionResponses.Review review(String contentType, byte[] body) {
        ReviewRequest request = reader.read(contentType, body);
        Optional<HasMetadata> release = ReleaseReviews.releaseRecord(request);
        if (release.isPresent()) {
            return releases.review(request, release.get());
        }
        return Changes.fromAdmission(request, live)
                .map(change -> AdmissionResponses.of(request.uid(), judge.judge(change)))
                .orElseGet(() -> AdmissionResponses.allowed(request.uid()));
    }

    private void send(RoutingContext context, AdmissionResponses.Review review) {
        try {
            context.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(Buffer.buffer(mapper.writeValueAsBytes(review)));
        } catch (IOException e) {
            context.fail(e);
        }
    }

    /** The caller's mistakes and "not ready" become a Status; anything else is a bug and a 500 from Quarkus. */
    private void fail(RoutingContext context, Throwable failure) {
        if (failure instanceof BadReviewException bad) {
            ErrorResponses.respond(context, bad.status(), ErrorResponses.json(mapper, bad.status(), bad.getMessage()));
        } else if (failure instanceof NotReadyException notReady) {
            ErrorResponses.respond(context, 503, ErrorResponses.json(mapper, 503, notReady.getMessage()));
        } else {
            context.fail(failure);
        }
    }
}
