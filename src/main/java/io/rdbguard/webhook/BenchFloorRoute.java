package io.rdbguard.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rdbguard.kube.BadReviewException;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /bench/floor}, only with {@code rdb-guard.bench.floor-path=true} (off by default: the path does not exist
 * in production): the floor bench/run compares /validate with. It costs what /validate costs around a review, the
 * same listener, {@link BoundedBodyReader}'s limits, the same worker thread and response writing, but reads nothing
 * of the body beyond {@code request.uid} and allows everything. Not a webhook: it does not check the Content-Type, the
 * AdmissionReview's kind or a client certificate.
 */
@ApplicationScoped
public class BenchFloorRoute {

    static final String PATH = "/bench/floor";
    static final String SETTING = "rdb-guard.bench.floor-path";

    private final boolean enabled;
    private final BoundedBodyReader bodies;
    private final ValidateRoute validate;
    private final JsonFactory json;

    BenchFloorRoute(@ConfigProperty(name = SETTING) boolean enabled, BoundedBodyReader bodies, ValidateRoute validate,
                    ObjectMapper mapper) {
        this.enabled = enabled;
        this.bodies = bodies;
        this.validate = validate;
        this.json = mapper.getFactory();
    }

    void install(@Observes Router router) {
        if (enabled) {
            bodies.bound(router, PATH);
            router.post(PATH).handler(context -> validate.answer(context, (contentType, body) -> AdmissionResponses.allowed(uid(body))));
        }
    }

    /** {@code request.uid}, read as a stream that skips every other field unread and stops there. */
    private String uid(byte[] body) {
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() == JsonToken.START_OBJECT && valueOf(parser, "request") == JsonToken.START_OBJECT
                    && valueOf(parser, "uid") == JsonToken.VALUE_STRING && !parser.getText().isBlank()) {
                return parser.getText();
            }
        } catch (IOException e) {
            throw new BadReviewException(400, "the request body is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        throw new BadReviewException(400, "request.uid is missing; the response must echo it");
    }

    /** Moves to the value of field {@code name} of the object the parser is in; null if it has none. */
    private static JsonToken valueOf(JsonParser parser, String name) throws IOException {
        for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            JsonToken value = parser.nextToken();
            if (name.equals(parser.currentName())) {
                return value;
            }
            parser.skipChildren();
        }
        return null;
    }
}
