package io.rdbguard.webhook;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How many request-body bytes all reviews in progress may hold together. A review costs the heap several times its
 * body (the bytes, their copy, the parsed objects), so this budget, not the request count, is what keeps 64 reviews
 * of 3 MiB from exhausting a 192 MiB heap. Bytes are reserved before they are read and released when the response
 * has been sent. Gauge {@code rdbguard_in_flight_request_bytes}.
 */
@ApplicationScoped
public class InFlightBytes {

    static final String SETTING = "rdb-guard.max-in-flight-bytes";

    private final long limit;
    private final AtomicLong reserved = new AtomicLong();

    InFlightBytes(@ConfigProperty(name = SETTING) MemorySize limit, MeterRegistry registry) {
        this.limit = limit.asLongValue();
        Gauge.builder("rdbguard.in.flight.request.bytes", reserved, AtomicLong::get)
                .description("Request-body bytes held by reviews in progress (limit: " + SETTING + ")")
                .register(registry);
    }

    long limit() {
        return limit;
    }

    /** Reserves {@code bytes} if they fit under the limit with everything already reserved. */
    boolean tryReserve(long bytes) {
        long now;
        do {
            now = reserved.get();
            if (now + bytes > limit) {
                return false;
            }
        } while (!reserved.compareAndSet(now, now + bytes));
        return true;
    }

    void release(long bytes) {
        reserved.addAndGet(-bytes);
    }
}
