package io.rdbguard.webhook;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rdbguard.testing.FuzzCase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Property: every mutated AdmissionReview (golden requests, reviews built from the charts, Helm release records with
 * mutated release JSON, manifests and encodings) gets a well-formed client error or a verdict through the endpoint's
 * code path: never an exception (a 500), never a hang. Seeded and bounded, so every build runs the same cases.
 * A failure is shrunk to the fewest mutations that still fail the same way, and written to target/fuzz-failures to
 * become a fixture in src/test/resources/fuzz-regressions.
 */
class AdmissionFuzzTest {

    /** A longer or another run, locally: -Drdbguard.fuzz.seed=... -Drdbguard.fuzz.tries=... */
    static final long SEED = Long.getLong("rdbguard.fuzz.seed", 0x5EED_2026_1130L);
    static final int TRIES = Integer.getInteger("rdbguard.fuzz.tries", 1000);

    @Test
    void every_mutated_review_gets_a_verdict_or_a_client_error_and_never_a_500() throws IOException {
        FuzzRun run = new FuzzRun(new InProcessWebhook());
        Map<String, String> failures = new LinkedHashMap<>();
        for (FuzzCase fuzzCase : FuzzCase.generate(SEED, TRIES)) {
            Optional<String> failure = run.failure(fuzzCase.review());
            if (failure.isPresent() && !failures.containsKey(FuzzRun.kind(failure.get()))) {
                failures.put(FuzzRun.kind(failure.get()), run.shrunk(fuzzCase, failure.get(), Path.of("target/fuzz-failures"),
                        failures.size()));
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " kinds of failure in " + TRIES + " cases (seed " + SEED + "):\n"
                + String.join("\n", failures.values()));
    }
}
