package io.rdbguard.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a declared body over the limit with a 413 and a Status saying the limit, before any byte of it is read.
 * (Quarkus would otherwise reset the HTTP/2 stream or answer 413 without a word.) A body sent without a length and
 * over the limit is still cut off by Quarkus itself.
 */
@ApplicationScoped
public class BodyLimit {

    private final long maxBytes;
    private final String message;

    BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize, ObjectMapper mapper)
            throws JsonProcessingException {
        this.maxBytes = maxBodySize.asLongValue();
        this.message = mapper.writeValueAsString(ErrorResponses.Status.failure(413, "the request body is larger than the "
                + maxBytes + "-byte limit (quarkus.http.limits.max-body-size); an AdmissionReview carries at most two"
                + " objects of 3 MiB"));
    }

    void install(@Observes Router router) {
        router.post("/validate").order(Integer.MIN_VALUE).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && isOver(length)) {
                var response = context.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
                if (context.request().version() != HttpVersion.HTTP_2) {
                    // HTTP/1.1 must close: the unread body would otherwise be taken for the next request.
                    response.putHeader(HttpHeaders.CONNECTION, "close");
                }
                response.end(message);
            } else {
                context.next();
            }
        });
    }

    private boolean isOver(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false; // Vert.x rejects a malformed Content-Length itself
        }
    }
}
