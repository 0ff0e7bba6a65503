package io.rdbguard.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Arrays;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the body of {@code POST /validate} before the endpoint sees it, within three bounds, each refused with a
 * Kubernetes Status that names the limit and its setting:
 * <ul>
 * <li>413: the body is larger than {@code quarkus.http.limits.max-body-size}; a declared Content-Length is refused
 *     before a byte is read, a body sent without one as soon as it grows past the limit;</li>
 * <li>429: the body does not fit in {@link InFlightBytes} next to the reviews already in progress. An overloaded pod
 *     answers at once (kube-apiserver retries, or another replica answers) instead of running out of heap; a declared
 *     length is reserved whole, a chunked body chunk by chunk as it arrives;</li>
 * <li>408: the body is not complete within {@code rdb-guard.request-timeout} of the request's headers, however slowly
 *     it trickles in (each byte would reset an idle timeout; this deadline is not reset); a second later the
 *     connection (HTTP/2: the stream) is closed.</li>
 * </ul>
 * {@link ValidateRoute} then takes the body from the routing context ({@link #body}): one array, filled as the chunks
 * arrive, sized by the Content-Length when one is declared (else grown by doubling), so a review is neither copied
 * from buffer to buffer as it grows nor copied again at the end.
 */
@ApplicationScoped
public class BoundedBodyReader {

    static final String TIMEOUT_SETTING = "rdb-guard.request-timeout";
    /** Where the body is kept in the routing context, once complete. */
    private static final String BODY = "rdb-guard.body";
    /** The first array of a body sent without a Content-Length (chunked); it doubles as the body grows. */
    private static final int UNDECLARED_START = 16 * 1024;
    /** How long a client that missed the deadline has to read its 408 before the connection is closed. */
    private static final Duration LINGER = Duration.ofSeconds(1);

    private final long maxBodyBytes;
    private final Duration timeout;
    private final InFlightBytes inFlight;
    private final Vertx vertx;
    private final String tooLarge;
    private final String overloaded;
    private final String tooSlow;

    BoundedBodyReader(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
                      @ConfigProperty(name = TIMEOUT_SETTING) Duration timeout,
                      InFlightBytes inFlight, Vertx vertx, ObjectMapper mapper) {
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.timeout = timeout;
        this.inFlight = inFlight;
        this.vertx = vertx;
        this.tooLarge = ErrorResponses.json(mapper, 413, "the request body is larger than the " + maxBodyBytes
                + "-byte limit (quarkus.http.limits.max-body-size); an AdmissionReview carries at most two objects of 3 MiB");
        this.overloaded = ErrorResponses.json(mapper, 429, "rdb-guard is at its limit of " + inFlight.limit() + " request-body bytes"
                + " in progress (" + InFlightBytes.SETTING + "); retry, or run more replicas");
        this.tooSlow = ErrorResponses.json(mapper, 408, "the request body did not arrive within " + timeout.toSeconds() + " s of its"
                + " headers (" + TIMEOUT_SETTING + ")");
    }

    void install(@Observes Router router) {
        bound(router, ValidateRoute.PATH);
    }

    /** Reads the bodies of {@code POST path} within the bounds: /validate, and the bench floor path so that it pays the same. */
    void bound(Router router, String path) {
        router.post(path).order(Integer.MIN_VALUE + 1).handler(this::read);
    }

    private void read(RoutingContext context) {
        HttpServerRequest request = context.request();
        long declared = declaredLength(request);
        if (declared > maxBodyBytes) {
            ErrorResponses.respond(context, 413, tooLarge);
            return;
        }
        Reading reading = new Reading(context, declared);
        if (!reading.reserve(Math.max(declared, 0))) {
            ErrorResponses.respond(context, 429, overloaded);
            return;
        }
        context.addEndHandler(done -> reading.release());
        reading.deadline = vertx.setTimer(timeout.toMillis(), id -> reading.expire());
        request.handler(reading::append);
        request.endHandler(ended -> reading.complete());
        request.resume();
    }

    /** The complete body of a request this reader has passed on. */
    static byte[] body(RoutingContext context) {
        return context.get(BODY);
    }

    /** One body being read: what it holds of the budget, what has arrived, and its deadline. */
    private final class Reading {
        private final RoutingContext context;
        private final long declared;
        /** Allocated with the first chunk: a reservation refused, or a body that never comes, costs no array. */
        private byte[] body;
        private int length;
        private long reserved;
        private long deadline = -1;
        private boolean refused;

        Reading(RoutingContext context, long declared) {
            this.context = context;
            this.declared = declared;
        }

        boolean reserve(long bytes) {
            if (!inFlight.tryReserve(bytes)) {
                return false;
            }
            reserved += bytes;
            return true;
        }

        void append(Buffer chunk) {
            if (refused) {
                return;
            }
            int size = chunk.length();
            long needed = length + size - reserved;
            if (length + size > maxBodyBytes) {
                fail(413, tooLarge);
            } else if (needed > 0 && !reserve(needed)) {
                fail(429, overloaded);
            } else {
                ensureRoom(length + size);
                chunk.getBytes(0, size, body, length);
                length += size;
            }
        }

        /** The declared length at once, else doubling (HTTP itself refuses more bytes than a Content-Length declares). */
        private void ensureRoom(int needed) {
            if (body == null) {
                body = new byte[(int) Math.max(needed, declared >= 0 ? declared : UNDECLARED_START)];
            } else if (needed > body.length) {
                body = Arrays.copyOf(body, (int) Math.min(maxBodyBytes, Math.max(needed, 2L * body.length)));
            }
        }

        void complete() {
            vertx.cancelTimer(deadline);
            if (!refused && !context.response().ended()) {
                context.put(BODY, body == null ? new byte[0] : body.length == length ? body : Arrays.copyOf(body, length));
                context.next();
            }
        }

        /** The body is still arriving at the deadline: answer 408 if nothing was answered yet, then hang up on it. */
        void expire() {
            if (context.request().isEnded()) {
                return;
            }
            fail(408, tooSlow);
            vertx.setTimer(LINGER.toMillis(), id -> {
                if (context.request().version() == HttpVersion.HTTP_2) {
                    context.response().reset();
                } else {
                    context.request().connection().close();
                }
            });
        }

        void release() {
            inFlight.release(reserved);
            reserved = 0;
        }

        void fail(int status, String message) {
            refused = true;
            ErrorResponses.respond(context, status, message);
        }
    }

    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1; // Vert.x rejects a malformed Content-Length itself
        }
    }

}
