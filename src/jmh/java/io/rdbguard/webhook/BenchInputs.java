package io.rdbguard.webhook;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The review bodies bench/inputs.py writes, shared by every benchmark so that JMH and h2load measure the same bytes. */
final class BenchInputs {

    /** Where bench/jmh has bench/inputs.py write them; override with -Dbench.inputs=DIR. */
    private static final Path DIRECTORY = Path.of(System.getProperty("bench.inputs", "target/bench/inputs"));

    private BenchInputs() {
    }

    static byte[] read(String name) {
        Path file = DIRECTORY.resolve(name + ".json");
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is missing: run bench/jmh, which writes it with bench/inputs.py", e);
        }
    }

    /** Configured as Quarkus configures the webhook's: unknown fields are read without complaint. */
    static ObjectMapper webhookMapper() {
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }
}
