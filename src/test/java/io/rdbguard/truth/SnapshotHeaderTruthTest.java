package io.rdbguard.truth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rdbguard.core.redis.Catalog;
import io.rdbguard.core.redis.Format;
import io.rdbguard.core.redis.ReleaseLine;
import io.rdbguard.data.CatalogLoader;
import io.rdbguard.data.ConfigurationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The catalog's Redis 7.0 load rule against the real redis-server 7.0.15: each file is a bare snapshot (header, the
 * EOF opcode, a zero checksum, which Redis does not check), so what decides is the header alone.
 */
class SnapshotHeaderTruthTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "redis-server 7.0.15 given {0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "REDIS0009 | DB loaded from disk",
        "REDIS0010 | DB loaded from disk",
        "REDIS0011 | Can't handle RDB format version 11",
        "REDIS0012 | Can't handle RDB format version 12",
        "VALKEY080 | Wrong signature trying to load DB from file",
    })
    void redis_7_0_loads_exactly_the_headers_its_catalog_line_says(String header, String logged)
            throws IOException, InterruptedException, ConfigurationException {
        assumeTrue(Files.isExecutable(RedisServer.SERVER), "Debian's redis-server 7.0.15 is installed");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(header.getBytes(StandardCharsets.US_ASCII));
        file.write(0xFF);
        file.write(new byte[8]);
        Files.write(dir.resolve("dump.rdb"), file.toByteArray());

        String log = start();

        assertTrue(log.contains(logged), log);
        Catalog catalog = CatalogLoader.builtIn();
        ReleaseLine redis70 = catalog.line(catalog.families().stream().filter(f -> f.id().equals("redis")).findFirst()
                .orElseThrow(), "7.0.15").orElseThrow();
        Format format = Format.parseHeader(header).orElseThrow();
        assertEquals(logged.equals("DB loaded from disk"), redis70.loadRule().canRead(format), header);
        assertEquals(!logged.startsWith("Wrong signature"), redis70.loadRule().knowsMagic(format.magic()), header);
    }

    /** Runs the server on the file on a unix socket (no TCP port); returns its log once it loaded the file or exited. */
    private String start() throws IOException, InterruptedException {
        Path log = dir.resolve("server.log");
        Process server = new ProcessBuilder(RedisServer.SERVER.toString(), "--port", "0", "--unixsocket", dir.resolve("redis.sock").toString(), "--dir", dir.toString(),
                "--dbfilename", "dump.rdb", "--save", "", "--appendonly", "no")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            for (int i = 0; i < 500 && server.isAlive() && !Files.readString(log).contains("DB loaded from disk"); i++) {
                server.waitFor(20, TimeUnit.MILLISECONDS);
            }
            return Files.readString(log);
        } finally {
            server.destroy();
            if (!server.waitFor(5, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }
}
