package io.rdbguard.core.format;

import io.rdbguard.core.check.Finding;
import io.rdbguard.core.image.ImageReference;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.Container;
import io.rdbguard.core.workload.Operation;
import io.rdbguard.core.workload.Requester;
import io.rdbguard.core.workload.Workload;
import io.rdbguard.data.CatalogException;
import io.rdbguard.data.CatalogLoader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Workloads, images and checks for the format-check tests; images are parsed by a table, not the real parser. */
final class FormatChecksFixture {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final String INVALID_IMAGE = "Redis:7.2.4:oops";
    static final String DIGEST = "sha256:" + "ab".repeat(32);

    private static final Map<String, ImageReference> IMAGES = Map.ofEntries(
            hub("redis:7.4.2", "library/redis", "7.4.2"),
            hub("redis:7.2.8", "library/redis", "7.2.8"),
            hub("redis:7.2.4", "library/redis", "7.2.4"),
            hub("redis:7.2.4-alpine", "library/redis", "7.2.4-alpine"),
            hub("redis:7-alpine", "library/redis", "7-alpine"),
            hub("redis:7", "library/redis", "7"),
            hub("redis:7.2", "library/redis", "7.2"),
            hub("redis:latest", "library/redis", "latest"),
            hub("redis:alpine", "library/redis", "alpine"),
            hub("redis:8.0.2", "library/redis", "8.0.2"),
            hub("redis:8.4.0", "library/redis", "8.4.0"),
            hub("redis:8.6.0", "library/redis", "8.6.0"),
            hub("redis:9.0.0", "library/redis", "9.0.0"),
            Map.entry("redis@" + DIGEST, new ImageReference("docker.io", "library/redis", null, DIGEST)),
            hub("valkey/valkey:9.0.0", "valkey/valkey", "9.0.0"),
            hub("valkey/valkey:8.0.1", "valkey/valkey", "8.0.1"),
            hub("valkey/valkey:8.0.1-alpine", "valkey/valkey", "8.0.1-alpine"),
            hub("docker.io/bitnami/redis:7.2.5-debian-12-r4", "bitnami/redis", "7.2.5-debian-12-r4"),
            hub("docker.io/bitnami/redis:7.2.4", "bitnami/redis", "7.2.4"),
            hub("docker.io/bitnami/redis:7.2-debian-12", "bitnami/redis", "7.2-debian-12"),
            hub("docker.io/bitnami/redis-sentinel:7.2.5-debian-12-r4", "bitnami/redis-sentinel", "7.2.5-debian-12-r4"),
            hub("oliver006/redis_exporter:v1.55.0", "oliver006/redis_exporter", "v1.55.0"),
            hub("oliver006/redis_exporter:v1.62.0", "oliver006/redis_exporter", "v1.62.0"),
            hub("postgres:16.1", "library/postgres", "16.1"),
            hub("postgres:16.2", "library/postgres", "16.2"),
            Map.entry("registry.redict.io/redict:7.3.0",
                    new ImageReference("registry.redict.io", "redict", "7.3.0", null)));

    private static Map.Entry<String, ImageReference> hub(String image, String repository, String tag) {
        return Map.entry(image, new ImageReference("docker.io", repository, tag, null));
    }

    static final ImageIdentifier IDENTIFIER;

    static {
        try {
            IDENTIFIER = new ImageIdentifier(CatalogLoader.builtIn(), FormatChecksFixture::parse);
        } catch (CatalogException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ImageReference parse(String image) throws Exception {
        if (image.equals(INVALID_IMAGE)) {
            throw new Exception("repository name must be lowercase");
        }
        ImageReference reference = IMAGES.get(image);
        if (reference == null) {
            throw new AssertionError("add " + image + " to the test's image table");
        }
        return reference;
    }

    static FormatGuardSettings settings() {
        return FormatGuardSettings.defaults(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static RdbUnreadableCheck unreadable() {
        return new RdbUnreadableCheck(IDENTIFIER);
    }

    static RdbOneWayCheck oneWay() {
        return new RdbOneWayCheck(IDENTIFIER, settings());
    }

    static ImageUnpinnedCheck unpinned() {
        return new ImageUnpinnedCheck(IDENTIFIER);
    }

    static Container container(String name, String image) {
        return new Container(name, image, false, List.of(), null, null, null);
    }

    static Container init(String name, String image) {
        return new Container(name, image, true, List.of(), null, null, null);
    }

    static Workload statefulSet(Map<String, String> annotations, Container... containers) {
        List<Container> all = Arrays.asList(containers);
        return new Workload("StatefulSet", "shop", "cache", Map.of(), annotations,
                new Workload.PodTemplate(Map.of(), all.stream().filter(Container::init).toList(),
                        all.stream().filter(c -> !c.init()).toList()));
    }

    static Workload statefulSet(Container... containers) {
        return statefulSet(Map.of(), containers);
    }

    static Change update(Workload before, Workload after) {
        return new Change("test", Operation.UPDATE, after, before, Requester.UNKNOWN, false);
    }

    static Change create(Workload workload) {
        return new Change("test", Operation.CREATE, workload, null, Requester.UNKNOWN, false);
    }

    /** The one finding a single-container change gives. */
    static Finding only(List<Finding> findings) {
        if (findings.size() != 1) {
            throw new AssertionError("expected one finding, got " + findings);
        }
        return findings.get(0);
    }

    private FormatChecksFixture() {
    }
}
