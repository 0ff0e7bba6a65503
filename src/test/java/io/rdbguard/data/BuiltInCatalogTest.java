package io.rdbguard.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rdbguard.core.redis.Catalog;
import io.rdbguard.core.redis.Format;
import io.rdbguard.core.redis.ImageIdentity;
import io.rdbguard.core.redis.ImageIdentity.Datastore;
import io.rdbguard.core.redis.KnownRepository;
import io.rdbguard.core.redis.ReleaseLine;
import io.rdbguard.core.image.ImageReference;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BuiltInCatalogTest {

    private static Catalog catalog;

    @BeforeAll
    static void load() throws ConfigurationException {
        catalog = CatalogLoader.builtIn();
    }

    private static ReleaseLine line(String family, String line) {
        return catalog.lines().stream()
                .filter(l -> l.family().id().equals(family) && l.line().equals(line))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + family + " " + line + " in the catalog"));
    }

    private static Format header(String text) {
        return Format.parseHeader(text).orElseThrow(() -> new AssertionError("not a header: " + text));
    }

    // Every line of "What each release line writes" in reference/redis-family-formats.md.
    @ParameterizedTest(name = "{0} {1} writes {2} (verified: {3})")
    @CsvSource({
        "redis, 2.6, REDIS0006, true",
        "redis, 2.8, REDIS0006, true",
        "redis, 3.0, REDIS0006, true",
        "redis, 3.2, REDIS0007, true",
        "redis, 4.0, REDIS0008, true",
        "redis, 5.0, REDIS0009, true",
        "redis, 6.0, REDIS0009, true",
        "redis, 6.2, REDIS0009, true",
        "redis, 7.0, REDIS0010, true",
        "redis, 7.2, REDIS0011, true",
        "redis, 7.4, REDIS0012, true",
        "redis, 8.0, REDIS0012, true",
        "redis, 8.2, REDIS0012, false",
        "redis, 8.4, REDIS0012, false",
        "redis, 8.6, REDIS0013, false",
        "redis, 8.8, REDIS0014, false",
        "redis, 8.10, REDIS0015, false",
        "valkey, 7.2, REDIS0011, true",
        "valkey, 8.0, REDIS0011, true",
        "valkey, 8.1, REDIS0011, true",
        "valkey, 9.0, VALKEY080, true",
        "valkey, 9.1, VALKEY080, true",
        "valkey, 9.2, VALKEY081, false",
        "redict, 7.3, REDIS0012, true",
        "keydb, 6.3, REDIS0009, true",
        "keydb, 6.2, REDIS0009, false",
        "dragonfly, 1.24, DFS000001, false",
        "dragonfly, 1.40, DFS000001, false",
    })
    void every_release_line_writes_the_format_the_facts_file_gives(String family, String line, String writes,
            boolean verified) {
        ReleaseLine found = line(family, line);
        assertEquals(writes, found.writes().header());
        assertEquals(verified, found.verified());
    }

    // Every cell of "Observed by running the servers": reader line, file header, observed result.
    @ParameterizedTest(name = "{0} {1} reading {2}: {3}")
    @CsvSource({
        "redis, 7.0, REDIS0010, loads",
        "redis, 7.0, REDIS0012, refuses",
        "redis, 7.0, REDIS0011, refuses",
        "redis, 7.0, VALKEY080, refuses",
        "redis, 8.0, REDIS0010, loads",
        "redis, 8.0, REDIS0012, loads",
        "redis, 8.0, REDIS0011, loads",
        "redis, 8.0, VALKEY080, refuses",
        "valkey, 8.1, REDIS0010, loads",
        "valkey, 8.1, REDIS0012, refuses",
        "valkey, 8.1, REDIS0011, loads",
        "valkey, 8.1, VALKEY080, relaxed",
        "valkey, 9.1, REDIS0010, loads",
        "valkey, 9.1, REDIS0012, relaxed",
        "valkey, 9.1, REDIS0011, loads",
        "valkey, 9.1, VALKEY080, loads",
        "redict, 7.3, REDIS0010, loads",
        "redict, 7.3, REDIS0012, loads",
        "redict, 7.3, REDIS0011, loads",
        "redict, 7.3, VALKEY080, refuses",
    })
    void load_rules_match_what_the_servers_did_when_run(String family, String line, String file, String observed) {
        ReleaseLine reader = line(family, line);
        Format format = header(file);
        assertEquals(observed.equals("loads"), reader.loadRule().canRead(format), "reads at default settings");
        assertEquals(observed.equals("relaxed"), reader.loadRule().mayReadRelaxed(format), "may read when relaxed");
    }

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource({"REDIS, 11, REDIS0011", "REDIS, 6, REDIS0006", "VALKEY, 80, VALKEY080", "VALKEY, 81, VALKEY081"})
    void a_format_prints_as_its_nine_byte_file_header(String magic, int version, String header) {
        assertEquals(header, new Format(magic, version).header());
        assertEquals(new Format(magic, version), header(header));
    }

    @Test
    void versions_of_different_magics_are_never_compared_as_numbers() {
        assertFalse(line("redis", "8.10").loadRule().canRead(header("VALKEY080")), "Redis 8.10 reads no VALKEY file");
        assertFalse(line("valkey", "9.1").loadRule().canRead(header("REDIS0012")), "Valkey 9 refuses REDIS0012");
    }

    @ParameterizedTest(name = "{0}/{1}:{2} is {3} {4}, pinned={5}")
    @CsvSource(nullValues = "null", value = {
        "docker.io, library/redis, 7.2.4, redis, 7.2.4, true, REDIS0011",
        "docker.io, library/redis, 7.2.4-alpine3.19, redis, 7.2.4, true, REDIS0011",
        "docker.io, library/redis, 7.2.4-bookworm, redis, 7.2.4, true, REDIS0011",
        "docker.io, library/redis, 7.2, redis, 7.2, false, REDIS0011",
        "docker.io, library/redis, 7.2-alpine, redis, 7.2, false, REDIS0011",
        "docker.io, library/redis, 7, redis, 7, false, null",
        "docker.io, library/redis, 7-alpine, redis, 7, false, null",
        "docker.io, library/redis, latest, redis, null, false, null",
        "docker.io, library/redis, alpine, redis, null, false, null",
        "docker.io, library/redis, rc, redis, null, false, null",
        "docker.io, library/redis, 8.0-M01, redis, 8.0-M01, true, REDIS0012",
        "docker.io, library/redis, 8.10-rc2, redis, 8.10-rc2, true, REDIS0015",
        "docker.io, library/redis, 8.10.0, redis, 8.10.0, true, REDIS0015",
        "docker.io, library/redis, 9.0.0, redis, 9.0.0, true, null",
        "docker.io, bitnami/redis, 7.2.4-debian-12-r9, redis, 7.2.4, true, REDIS0011",
        "docker.io, bitnami/redis, 7.2.4, redis, 7.2.4, false, REDIS0011",
        "docker.io, bitnami/redis, 7.2, redis, 7.2, false, REDIS0011",
        "docker.io, bitnami/redis, 7.2-debian-12, redis, 7.2, false, REDIS0011",
        "docker.io, bitnami/redis, latest, redis, null, false, null",
        "docker.io, bitnamilegacy/redis, 7.0.12-debian-11-r34, redis, 7.0.12, true, REDIS0010",
        "docker.io, bitnami/valkey, 8.1.3-debian-12-r3, valkey, 8.1.3, true, REDIS0011",
        "docker.io, valkey/valkey, 9.0.0, valkey, 9.0.0, true, VALKEY080",
        "docker.io, valkey/valkey, 8.1-alpine, valkey, 8.1, false, REDIS0011",
        "docker.io, valkey/valkey, 9.2.0-rc1, valkey, 9.2.0-rc1, true, VALKEY081",
        "ghcr.io, valkey-io/valkey, 8.0.1, valkey, 8.0.1, true, REDIS0011",
        "registry.redict.io, redict, 7.3.0, redict, 7.3.0, true, REDIS0012",
        "docker.io, eqalpha/keydb, x86_64_v6.3.4, keydb, 6.3.4, true, REDIS0009",
        "docker.io, eqalpha/keydb, v6.3.4, keydb, 6.3.4, true, REDIS0009",
        "docker.io, eqalpha/keydb, latest, keydb, null, false, null",
        "docker.dragonflydb.io, dragonflydb/dragonfly, v1.24.0, dragonfly, 1.24.0, true, DFS000001",
        "ghcr.io, dragonflydb/dragonfly, v1.15.1, dragonfly, 1.15.1, true, DFS000001",
        "docker.io, redis/redis-stack-server, 7.2.0-v10, redis, 7.2.0, true, REDIS0011",
        "docker.io, redis/redis-stack-server, latest, redis, null, false, null",
    })
    void tags_give_the_version_and_whether_they_pin_a_release(String registry, String repository, String tag,
            String family, String version, boolean pinned, String writes) {
        Datastore datastore = assertInstanceOf(Datastore.class,
                catalog.identify(new ImageReference(registry, repository, tag, null)));
        assertEquals(family, datastore.family().id());
        assertEquals(version, datastore.version());
        assertEquals(pinned, datastore.pinned(), datastore.pinning());
        assertEquals(writes, datastore.line() == null ? null : datastore.line().writes().header());
    }

    @Test
    void a_floating_tag_says_why_it_is_not_pinned() {
        Datastore datastore = (Datastore) catalog.identify(new ImageReference("docker.io", "library/redis", "7-alpine", null));
        assertTrue(datastore.pinning().startsWith("the tag 7-alpine follows the newest release of its major version"),
                datastore.pinning());
    }

    @Test
    void a_digest_without_a_pin_names_no_release() {
        Datastore datastore = (Datastore) catalog.identify(
                new ImageReference("docker.io", "library/redis", null, "sha256:" + "a".repeat(64)));
        assertFalse(datastore.pinned());
        assertNull(datastore.version());
        assertTrue(datastore.pinning().contains("a digest alone"), datastore.pinning());
    }

    @ParameterizedTest(name = "{0}/{1} is {2}")
    @CsvSource({
        "docker.io, library/redis, docker.io/library/redis",
        "mirror.gcr.io, library/redis, docker.io/library/redis",
        "public.ecr.aws, docker/library/redis, docker.io/library/redis",
        "harbor.example.com, dockerhub/library/redis, docker.io/library/redis",
        "harbor.example.com, dockerhub/bitnami/redis, docker.io/bitnami/redis",
        "registry.local:5000, redis, docker.io/library/redis",
        "registry.local:5000, team/redis, docker.io/library/redis",
        "docker.io, bitnami/redis-sentinel, docker.io/bitnami/redis-sentinel",
        "quay.io, mirror/ghcr.io/valkey-io/valkey, ghcr.io/valkey-io/valkey",
        "harbor.example.com, proxy/dragonflydb/dragonfly, docker.dragonflydb.io/dragonflydb/dragonfly",
    })
    void mirrors_and_proxies_that_keep_the_path_resolve_to_the_upstream_repository(String registry, String repository,
            String upstream) {
        ImageIdentity identity = catalog.identify(new ImageReference(registry, repository, "7.2.4", null));
        String matched = identity instanceof Datastore d ? d.repository().path()
                : ((ImageIdentity.NotADatastore) identity).repository().path();
        assertEquals(upstream, matched);
    }

    @ParameterizedTest(name = "{0}/{1} is not a datastore")
    @CsvSource({
        "docker.io, bitnami/redis-sentinel",
        "docker.io, bitnamilegacy/redis-sentinel",
        "docker.io, bitnami/valkey-sentinel",
        "docker.io, bitnami/redis-exporter",
        "docker.io, oliver006/redis_exporter",
        "docker.io, redis/redisinsight",
        "docker.io, rediscommander/redis-commander",
        "docker.io, bitnami/os-shell",
    })
    void sentinels_exporters_and_uis_are_not_datastores(String registry, String repository) {
        ImageIdentity.NotADatastore ignored = assertInstanceOf(ImageIdentity.NotADatastore.class,
                catalog.identify(new ImageReference(registry, repository, "1.0.0", null)));
        assertTrue(ignored.repository().reason().contains("no dataset"), ignored.repository().reason());
    }

    @ParameterizedTest(name = "{0}/{1} is not a Redis-family image")
    @CsvSource({"docker.io, library/postgres", "docker.io, someone/redis-proxy", "quay.io, team/cache"})
    void unknown_repositories_are_not_redis_family_images(String registry, String repository) {
        assertInstanceOf(ImageIdentity.UnknownRepository.class,
                catalog.identify(new ImageReference(registry, repository, "1.0", null)));
    }

    @Test
    void every_row_has_a_source_and_every_unverified_row_says_why() {
        catalog.families().forEach(f -> assertFalse(f.source().isBlank(), f.id()));
        catalog.repositories().forEach(r -> assertFalse(r.source().isBlank(), r.path()));
        for (ReleaseLine line : catalog.lines()) {
            assertFalse(line.source().isBlank(), line.displayName());
            assertTrue(line.verified() || (line.note() != null && !line.note().isBlank()), line.displayName());
        }
        catalog.repositories().stream().filter(KnownRepository.class::isInstance).map(KnownRepository.class::cast)
                .forEach(r -> assertTrue(r.verified() || r.note() != null, r.path()));
    }

    @Test
    void no_repository_is_both_a_datastore_and_ignored_and_lines_are_unique() {
        Set<String> paths = new HashSet<>();
        catalog.repositories().forEach(r -> assertTrue(paths.add(r.path()), "twice: " + r.path()));
        Set<String> lines = new HashSet<>();
        catalog.lines().forEach(l -> assertTrue(lines.add(l.displayName()), "twice: " + l.displayName()));
    }

    @Test
    void every_family_has_a_datastore_repository_and_release_lines() {
        for (var family : catalog.families()) {
            assertTrue(catalog.repositories().stream().anyMatch(r -> r instanceof KnownRepository k
                    && k.family().equals(family)), family.id());
            assertFalse(catalog.lines().stream().filter(l -> l.family().equals(family)).toList().isEmpty(), family.id());
        }
        assertEquals(List.of("redis", "valkey", "redict", "keydb", "dragonfly"),
                catalog.families().stream().map(f -> f.id()).toList());
    }
}
