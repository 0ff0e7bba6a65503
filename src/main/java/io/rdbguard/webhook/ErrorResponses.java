package io.rdbguard.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rdbguard.kube.BadReviewException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps the webhook's refusals to Kubernetes Status bodies, the error shape every Kubernetes client understands. */
public class ErrorResponses {

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Status(String kind, String apiVersion, String status, String message, String reason, int code) {
        static Status failure(int code, String message) {
            return new Status("Status", "v1", "Failure", message, reasonFor(code), code);
        }
    }

    @ServerExceptionMapper
    public Response badReview(BadReviewException e) {
        return respond(e.status(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response notReady(NotReadyException e) {
        return respond(503, e.getMessage());
    }

    static Response respond(int code, String message) {
        return Response.status(code).type(MediaType.APPLICATION_JSON).entity(Status.failure(code, message)).build();
    }

    private static String reasonFor(int code) {
        return switch (code) {
            case 400 -> "BadRequest";
            case 413 -> "RequestEntityTooLarge";
            case 415 -> "UnsupportedMediaType";
            case 503 -> "ServiceUnavailable";
            default -> "";
        };
    }
}
