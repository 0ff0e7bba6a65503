package io.rdbguard.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rdbguard.core.engine.Decision;
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
        return of(uid, decision.allowed(), decision.allowed() ? "" : decision.denialMessage(), decision.warnings());
    }

    static Review of(String uid, boolean allowed, String denialMessage, List<String> warnings) {
        if (allowed) {
            return review(new Response(uid, true, null, warnings));
        }
        return review(new Response(uid, false, new Result(403, "Forbidden", denialMessage), warnings));
    }

    private static Review review(Response response) {
        return new Review(AdmissionReviewReader.API_VERSION, AdmissionReviewReader.KIND, response);
    }
}
