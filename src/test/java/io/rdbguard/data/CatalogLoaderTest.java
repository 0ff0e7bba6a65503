package io.rdbguard.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rdbguard.core.redis.Catalog;
import io.rdbguard.core.workload.ContainerRole;
import io.rdbguard.core.redis.ImageIdentity.Datastore;
import io.rdbguard.core.image.ImageReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CatalogLoaderTest {

    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    @TempDir
    Path dir;

    private Path extension(String yaml) throws IOException {
        Path file = dir.resolve("catalog-extension.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void an_extension_maps_a_private_repository_to_a_family_and_pins_a_digest() throws Exception {
        Catalog catalog = CatalogLoader.withExtension(extension("""
                repositories:
                  - path: registry.corp:5000/platform/cache
                    family: redis
                    tags: official
                    source: platform team build of redis, Dockerfile in git.corp/platform/cache
                digests:
                  - digest: %s
                    version: "7.4.1"
                    source: registry scan 2026-11-20
                """.formatted(DIGEST)));

        Datastore tagged = assertInstanceOf(Datastore.class,
                catalog.identify(new ImageReference("registry.corp:5000", "platform/cache", "7.2.4", null)));
        assertEquals("Redis 7.2", tagged.line().displayName());
        assertTrue(tagged.pinned());

        Datastore pinned = assertInstanceOf(Datastore.class,
                catalog.identify(new ImageReference("registry.corp:5000", "platform/cache", null, DIGEST)));
        assertEquals("7.4.1", pinned.version());
        assertEquals("REDIS0012", pinned.line().writes().header());
        assertTrue(pinned.pinned());
        assertTrue(pinned.pinning().contains("registry scan 2026-11-20"), pinned.pinning());
    }

    @Test
    void an_extension_adds_tag_patterns_and_release_lines() throws Exception {
        Catalog catalog = CatalogLoader.withExtension(extension("""
                tagGrammars:
                  - name: corp
                    pinnedExample: 9.0.0-corp1
                    source: our build pipeline
                    patterns:
                      - regex: '^(?<version>\\d+\\.\\d+\\.\\d+)-corp\\d+$'
                        pinned: true
                        meaning: names one internal build
                repositories:
                  - path: registry.corp:5000/platform/kv
                    family: valkey
                    tags: corp
                    source: platform team
                lines:
                  - family: valkey
                    lines: ["9.3"]
                    writes: VALKEY082
                    reads: [REDIS0001..REDIS0011, VALKEY080..VALKEY082]
                    source: our test of valkey 9.3.0 on 2027-01-10
                """));

        Datastore datastore = assertInstanceOf(Datastore.class,
                catalog.identify(new ImageReference("registry.corp:5000", "platform/kv", "9.3.0-corp2", null)));
        assertEquals("VALKEY082", datastore.line().writes().header());
    }

    static Stream<Arguments> badExtensions() {
        return Stream.of(
                Arguments.of("bad YAML", "formats:\n  - magic: REDIS\n    source: \"unterminated\n",
                        "not valid YAML"),
                Arguments.of("a list where a text belongs", "repositories:\n  - path: [a, b]\n",
                        "at repositories[0].path: wrong kind of value (Cannot deserialize value of type a text from Array value)"),
                Arguments.of("a regex that does not compile", """
                        tagGrammars:
                          - name: broken
                            pinnedExample: "1.2.3"
                            source: me
                            patterns:
                              - regex: '^(?<version>\\d+(\\.\\d+$'
                                pinned: true
                                meaning: names one release
                        """, "at tagGrammars[0].patterns[0].regex: the regular expression does not compile"),
                Arguments.of("an unknown family", """
                        repositories:
                          - path: registry.corp:5000/platform/cache
                            family: redsi
                            tags: official
                            source: me
                        """, "at repositories[0].family: unknown family \"redsi\"; use one of [redis, valkey, redict,"
                        + " keydb, dragonfly] or declare it under families"),
                Arguments.of("a row without a source", """
                        lines:
                          - family: valkey
                            lines: ["9.3"]
                            writes: VALKEY082
                            reads: [VALKEY080..VALKEY082]
                        """, "at lines[0].source: missing; every row needs a source"),
                Arguments.of("a misspelt key", """
                        repositories:
                          - path: registry.corp:5000/platform/cache
                            famly: redis
                        """, "at repositories[0].famly: unknown key \"famly\""),
                Arguments.of("a repository both datastore and ignored", """
                        ignored:
                          - path: docker.io/bitnami/redis
                            role: other
                            reason: not really
                            source: me
                        """, "at ignored[0].path: docker.io/bitnami/redis cannot be both a datastore repository and"
                        + " ignored"),
                Arguments.of("a line already in the catalog", """
                        lines:
                          - family: redis
                            lines: ["7.2"]
                            writes: REDIS0011
                            reads: [REDIS0001..REDIS0011]
                            source: me
                        """, "at lines[0].lines[0]: Redis 7.2 is already in the catalog"),
                Arguments.of("a repository without registry", """
                        repositories:
                          - path: platform/cache
                            family: redis
                            tags: official
                            source: me
                        """, "at repositories[0].path: \"platform/cache\" is not a repository path with a registry"),
                Arguments.of("an unknown tag grammar", """
                        repositories:
                          - path: registry.corp:5000/platform/cache
                            family: redis
                            tags: offical
                            source: me
                        """, "at repositories[0].tags: unknown tag grammar \"offical\""),
                Arguments.of("a format range mixing magics", """
                        lines:
                          - family: valkey
                            lines: ["9.3"]
                            writes: VALKEY082
                            reads: [REDIS0001..VALKEY082]
                            source: me
                        """, "at lines[0].reads[0]: \"REDIS0001..VALKEY082\" is not a range of one magic"),
                Arguments.of("an unquoted line that YAML reads as a number", """
                        lines:
                          - family: valkey
                            lines: [9.30]
                            writes: VALKEY082
                            reads: [VALKEY080..VALKEY082]
                            source: me
                        """, "at lines[0].lines[0]: 9.3 is read by YAML as a number, which loses digits"),
                Arguments.of("an unverified row without a note", """
                        lines:
                          - family: valkey
                            lines: ["9.3"]
                            writes: VALKEY082
                            reads: [VALKEY080..VALKEY082]
                            source: me
                            verified: false
                        """, "at lines[0].note: an unverified row needs a note"),
                Arguments.of("a bad digest", """
                        digests:
                          - digest: sha256:abc
                            version: "7.2.4"
                            source: me
                        """, "at digests[0].digest: \"sha256:abc\" is not an image digest"),
                Arguments.of("a role rule with an unknown role", """
                        roles:
                          rules:
                            - role: proxy
                              programs: [twemproxy]
                              source: me
                        """, "at roles.rules[0].role: unknown role \"proxy\"; use one of [datastore, sentinel, tool,"
                        + " exporter, other]"),
                Arguments.of("a role rule without programs", """
                        roles:
                          rules:
                            - role: tool
                              source: me
                        """, "at roles.rules[0].programs: list the programs that mean this role"),
                Arguments.of("an ignored image said to be a datastore", """
                        ignored:
                          - path: registry.corp:5000/platform/cache-proxy
                            role: datastore
                            reason: a proxy
                            source: me
                        """, "at ignored[0].role: an ignored image holds no dataset"),
                Arguments.of("image defaults without a source", """
                        repositories:
                          - path: registry.corp:5000/platform/cache
                            family: redis
                            tags: official
                            source: me
                            runs:
                              cmd: [redis-server]
                        """, "at repositories[0].runs.source: missing; every row needs a source"),
                Arguments.of("a format flag whose format the line does not read", """
                        lines:
                          - family: valkey
                            lines: ["9.3"]
                            writes: VALKEY082
                            reads: [VALKEY080..VALKEY082]
                            source: me
                            formatFlag:
                              flag: rdb_compat
                              whenOff: REDIS0011
                              source: me
                        """, "at lines[0].formatFlag.whenOff: the line cannot read REDIS0011"));
    }

    @Test
    void an_extension_adds_role_rules_after_the_built_in_ones() throws IOException, ConfigurationException {
        Catalog catalog = CatalogLoader.withExtension(extension("""
                roles:
                  rules:
                    - role: datastore
                      programs: [/opt/platform/start-cache.sh]
                      source: our platform image
                """));

        assertEquals(Optional.of(ContainerRole.DATASTORE), catalog.roles().roleOf(List.of("/opt/platform/start-cache.sh")));
        assertEquals(Optional.of(ContainerRole.SENTINEL), catalog.roles().roleOf(List.of("redis-sentinel", "/s.conf")));
    }

    @ParameterizedTest(name = "{0} is reported with the file and the place")
    @MethodSource("badExtensions")
    void a_bad_extension_file_is_reported_with_file_place_and_remedy(String what, String yaml, String expected)
            throws IOException {
        Path file = extension(yaml);
        ConfigurationException error = assertThrows(ConfigurationException.class, () -> CatalogLoader.withExtension(file));
        assertTrue(error.getMessage().startsWith("catalog extension " + file), error.getMessage());
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }

    @Test
    void a_missing_extension_file_says_which_file_and_what_to_check() {
        Path missing = dir.resolve("nope.yaml");
        ConfigurationException error = assertThrows(ConfigurationException.class, () -> CatalogLoader.withExtension(missing));
        assertTrue(error.getMessage().contains(missing.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("check the path and the mounted ConfigMap"), error.getMessage());
    }

    @Test
    void an_empty_extension_file_changes_nothing() throws Exception {
        Catalog catalog = CatalogLoader.withExtension(extension("# nothing yet\n"));
        assertEquals(CatalogLoader.builtIn().lines().size(), catalog.lines().size());
    }
}
