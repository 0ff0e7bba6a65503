package io.rdbguard.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rdbguard.core.engine.Decision;
import io.rdbguard.kube.AdmissionReviews;
import java.util.List;

/**
 * The admission.k8s.io/v1 responses rdb-guard sends, as named constructors. The records are the wire format:
 * no patch (a validating webhook must not send one), empty fields left out as kube-apiserver leaves them out.
 */
final class AdmissionResponses {

    private AdmissionResponses() {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Review(String apiVersion, String kind, Response response) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Response(String uid, boolean allowed, Result status, List<String> warnings) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Result(int code, String reason, String message) {
    }

    static Review allowed(String uid) {
        return review(new Response(uid, true, null, List.of()));
    }

    static Review of(String uid, Decision decision) {
        if (decision.allowed()) {
            return review(new Response(uid, true, null, decision.warnings()));
        }
        return review(new Response(uid, false, new Result(403, "Forbidden", decision.denialMessage()), decision.warnings()));
    }

    private static Review review(Response response) {
        return new Review(AdmissionReviews.API_VERSION, AdmissionReviews.KIND, response);
    }
}
