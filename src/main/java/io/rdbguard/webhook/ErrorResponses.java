package io.rdbguard.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/** The webhook's refusals as Kubernetes Status bodies, the error shape every Kubernetes client understands. */
final class ErrorResponses {

    private ErrorResponses() {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Status(String kind, String apiVersion, String status, String message, String reason, int code) {
        static Status failure(int code, String message) {
            return new Status("Status", "v1", "Failure", message, reasonFor(code), code);
        }
    }

    static String json(ObjectMapper mapper, int code, String message) {
        try {
            return mapper.writeValueAsString(Status.failure(code, message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Status always serialises", e);
        }
    }

    /** Sends a Status unless a response has already begun. */
    static void respond(RoutingContext context, int code, String json) {
        var response = context.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        response.setStatusCode(code).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        if (code == 429) {
            response.putHeader("Retry-After", "1");
        }
        if (!context.request().isEnded() && context.request().version() != HttpVersion.HTTP_2) {
            // HTTP/1.1: the unread rest of the body would otherwise be taken for the next request.
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(json);
    }

    private static String reasonFor(int code) {
        return switch (code) {
            case 400 -> "BadRequest";
            case 408 -> "Timeout";
            case 401 -> "Unauthorized";
            case 405 -> "MethodNotAllowed";
            case 413 -> "RequestEntityTooLarge";
            case 415 -> "UnsupportedMediaType";
            case 429 -> "TooManyRequests";
            case 503 -> "ServiceUnavailable";
            default -> "";
        };
    }
}
