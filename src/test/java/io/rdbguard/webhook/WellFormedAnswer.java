package io.rdbguard.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.rdbguard.core.engine.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fuzz property: every request gets either a Kubernetes Status with a 4xx the documentation names (400, 413, 415)
 * and a message, or a verdict for the uid it sent (allowed, or denied with 403 and a message) whose warnings
 * kube-apiserver passes on whole: no control characters, and together at most 4096 runes, past which it cuts every
 * warning to 256 (staging/src/k8s.io/apiserver/pkg/endpoints/filters/warning.go); rdb-guard keeps each within an
 * eighth of that.
 */
final class WellFormedAnswer {

    private static final Set<Integer> CLIENT_ERRORS = Set.of(400, 413, 415);
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Cs}]");
    private static final int MAX_WARNINGS_RUNES = 4096;
    private static final int MAX_WARNING = MAX_WARNINGS_RUNES / Decision.MAX_WARNINGS;

    private WellFormedAnswer() {
    }

    /** What is wrong with the answer to a request that sent {@code uid}; empty when it is well-formed. */
    static List<String> problems(int status, JsonNode body, String uid) {
        List<String> problems = new ArrayList<>();
        if (status != 200) {
            if (!CLIENT_ERRORS.contains(status)) {
                problems.add("HTTP " + status + " is neither a verdict nor a documented client error");
            }
            if (!"Status".equals(body.path("kind").asText()) || body.path("code").asInt() != status) {
                problems.add("a " + status + " without a Kubernetes Status of that code: " + body);
            }
            requireText(problems, "Status message", body.path("message"), false);
            return problems;
        }
        JsonNode response = body.path("response");
        if (!"AdmissionReview".equals(body.path("kind").asText()) || !"admission.k8s.io/v1".equals(body.path("apiVersion").asText())) {
            problems.add("a 200 that is not an admission.k8s.io/v1 AdmissionReview: " + body);
        }
        if (!response.path("uid").asText().equals(uid)) {
            problems.add("response.uid " + response.path("uid") + " is not the request's " + uid);
        }
        if (!response.path("allowed").isBoolean()) {
            problems.add("response.allowed is not a boolean");
        } else if (!response.path("allowed").asBoolean()) {
            if (response.path("status").path("code").asInt() != 403) {
                problems.add("a denial without status.code 403: " + response.path("status"));
            }
            requireText(problems, "denial message", response.path("status").path("message"), true);
        }
        int runes = 0;
        for (JsonNode warning : response.path("warnings")) {
            int length = warning.asText().codePointCount(0, warning.asText().length());
            runes += length;
            if (length > MAX_WARNING) {
                problems.add("a warning of " + length + " characters: " + warning);
            }
            requireText(problems, "warning", warning, false);
        }
        if (runes > MAX_WARNINGS_RUNES) {
            problems.add("warnings of " + runes + " runes in all, which kube-apiserver cuts");
        }
        return problems;
    }

    private static void requireText(List<String> problems, String what, JsonNode text, boolean newlinesAllowed) {
        if (!text.isTextual() || text.asText().isBlank()) {
            problems.add("the " + what + " is missing or blank");
            return;
        }
        String checked = newlinesAllowed ? text.asText().replace("\n", "") : text.asText();
        if (CONTROL.matcher(checked).find()) {
            problems.add("the " + what + " has a control character: " + text);
        }
    }
}
