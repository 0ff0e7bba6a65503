package io.rdbguard.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageReferenceTest {

    private static final String SHA_REDIS = "sha256:34fb46c847bb9df96e5205a39d382f648a6e8dce1e014cd85b4ca6a88d88ed03";
    private static final String SHA_VALKEY = "sha256:36c0c6b32a5cdcbeaa192a2af99f9ac820f08206c964a456a2ca3100b97b1487";
    private static final String SHA_BITNAMI = "sha256:017fbc0e001b5e9c16908c754f9607dc886f25d08b2cbadc788b8b267df199f2";
    private static final String SHA_GHCR = "sha256:10bc4eece5c5911685770f3c29aac28a7dcc13018f47d7d9715839720966454a";
    private static final String SHA512_VALKEY = "sha512:89cfaaec5b5f45d912ce8a5f4d0952b845a100ba29667a4b425d0fee9e740cbd"
            + "9bf7ed26a2b4c860b12ddab4ecc86b531e4f9d380e0fdb2ea23c6f87944f2474";

    private static Arguments valid(String sentence, String image, String registry, String repository, String tag,
            String digest) {
        return Arguments.of(sentence, image, registry, repository, tag, digest);
    }

    static Stream<Arguments> validReferences() {
        return Stream.of(
                // Every image in the rendered Bitnami charts (fixtures).
                valid("the redis 17 chart image keeps its bitnami path", "docker.io/bitnami/redis:7.0.12-debian-11-r34",
                        "docker.io", "bitnami/redis", "7.0.12-debian-11-r34", null),
                valid("the redis 18 chart image keeps its build suffix", "docker.io/bitnami/redis:7.2.4-debian-12-r9",
                        "docker.io", "bitnami/redis", "7.2.4-debian-12-r9", null),
                valid("the redis 19 chart image parses", "docker.io/bitnami/redis:7.2.5-debian-12-r4",
                        "docker.io", "bitnami/redis", "7.2.5-debian-12-r4", null),
                valid("the redis 20 chart image from a helm release parses", "docker.io/bitnami/redis:7.4.0-debian-12-r0",
                        "docker.io", "bitnami/redis", "7.4.0-debian-12-r0", null),
                valid("the redis 20.13 chart image parses", "docker.io/bitnami/redis:7.4.3-debian-12-r0",
                        "docker.io", "bitnami/redis", "7.4.3-debian-12-r0", null),
                valid("the redis 23 chart image parses", "docker.io/bitnami/redis:8.2.1-debian-12-r0",
                        "docker.io", "bitnami/redis", "8.2.1-debian-12-r0", null),
                valid("the bitnami sentinel 7.2 image parses", "docker.io/bitnami/redis-sentinel:7.2.5-debian-12-r4",
                        "docker.io", "bitnami/redis-sentinel", "7.2.5-debian-12-r4", null),
                valid("the bitnami sentinel 8.2 image parses", "docker.io/bitnami/redis-sentinel:8.2.1-debian-12-r0",
                        "docker.io", "bitnami/redis-sentinel", "8.2.1-debian-12-r0", null),
                valid("the bitnami exporter sidecar parses", "docker.io/bitnami/redis-exporter:1.62.0-debian-12-r2",
                        "docker.io", "bitnami/redis-exporter", "1.62.0-debian-12-r2", null),
                valid("the bitnami os-shell init container parses", "docker.io/bitnami/os-shell:12-debian-12-r27",
                        "docker.io", "bitnami/os-shell", "12-debian-12-r27", null),
                valid("the bitnami kubectl job image parses", "docker.io/bitnami/kubectl:1.30.3-debian-12-r4",
                        "docker.io", "bitnami/kubectl", "1.30.3-debian-12-r4", null),
                valid("the valkey 1 chart image parses", "docker.io/bitnami/valkey:8.0.1-debian-12-r1",
                        "docker.io", "bitnami/valkey", "8.0.1-debian-12-r1", null),
                valid("the valkey 3 chart image parses", "docker.io/bitnami/valkey:8.1.3-debian-12-r3",
                        "docker.io", "bitnami/valkey", "8.1.3-debian-12-r3", null),

                // Official redis on Docker Hub: every tag convention.
                valid("a bare name is the docker hub official image without a tag", "redis",
                        "docker.io", "library/redis", null, null),
                valid("the latest tag is kept as written", "redis:latest",
                        "docker.io", "library/redis", "latest", null),
                valid("a major-only tag parses", "redis:7", "docker.io", "library/redis", "7", null),
                valid("a minor tag parses", "redis:7.2", "docker.io", "library/redis", "7.2", null),
                valid("a full version tag parses", "redis:7.2.4", "docker.io", "library/redis", "7.2.4", null),
                valid("a floating alpine tag parses", "redis:7-alpine",
                        "docker.io", "library/redis", "7-alpine", null),
                valid("a bare alpine tag parses", "redis:alpine", "docker.io", "library/redis", "alpine", null),
                valid("a full version alpine tag parses", "redis:7.2.4-alpine",
                        "docker.io", "library/redis", "7.2.4-alpine", null),
                valid("an alpine tag with its alpine release parses", "redis:7.2.4-alpine3.19",
                        "docker.io", "library/redis", "7.2.4-alpine3.19", null),
                valid("a bookworm tag parses", "redis:7.2.4-bookworm",
                        "docker.io", "library/redis", "7.2.4-bookworm", null),
                valid("a trixie tag parses", "redis:8.2.1-trixie", "docker.io", "library/redis", "8.2.1-trixie", null),
                valid("a bullseye tag parses", "redis:6.2.14-bullseye",
                        "docker.io", "library/redis", "6.2.14-bullseye", null),
                valid("a buster tag parses", "redis:6.0.20-buster",
                        "docker.io", "library/redis", "6.0.20-buster", null),
                valid("a 32bit tag parses", "redis:7.2.4-32bit", "docker.io", "library/redis", "7.2.4-32bit", null),
                valid("a 32bit bookworm tag parses", "redis:7.0.15-32bit-bookworm",
                        "docker.io", "library/redis", "7.0.15-32bit-bookworm", null),
                valid("the rc tag parses", "redis:rc", "docker.io", "library/redis", "rc", null),
                valid("a milestone tag keeps its uppercase M", "redis:8.0-M01",
                        "docker.io", "library/redis", "8.0-M01", null),
                valid("a release candidate tag parses", "redis:8.10-rc2",
                        "docker.io", "library/redis", "8.10-rc2", null),
                valid("docker.io with a single name gets the library prefix", "docker.io/redis:7.2.4",
                        "docker.io", "library/redis", "7.2.4", null),
                valid("a fully written official image is unchanged", "docker.io/library/redis:7.2.4",
                        "docker.io", "library/redis", "7.2.4", null),
                valid("index.docker.io is docker hub", "index.docker.io/library/redis:7.2.4",
                        "docker.io", "library/redis", "7.2.4", null),
                valid("index.docker.io with a single name gets the library prefix", "index.docker.io/redis",
                        "docker.io", "library/redis", null, null),
                valid("registry-1.docker.io is docker hub", "registry-1.docker.io/library/redis:7.4.1",
                        "docker.io", "library/redis", "7.4.1", null),
                valid("registry-1.docker.io keeps a user repository", "registry-1.docker.io/bitnami/redis:7.2",
                        "docker.io", "bitnami/redis", "7.2", null),

                // Valkey.
                valid("a valkey full version parses", "valkey/valkey:8.1.3",
                        "docker.io", "valkey/valkey", "8.1.3", null),
                valid("a valkey minor tag parses", "valkey/valkey:8.1", "docker.io", "valkey/valkey", "8.1", null),
                valid("a valkey major tag parses", "valkey/valkey:9", "docker.io", "valkey/valkey", "9", null),
                valid("a valkey latest tag parses", "valkey/valkey:latest",
                        "docker.io", "valkey/valkey", "latest", null),
                valid("a valkey alpine release tag parses", "valkey/valkey:8.0.2-alpine3.21",
                        "docker.io", "valkey/valkey", "8.0.2-alpine3.21", null),
                valid("a valkey trixie tag parses", "valkey/valkey:9.0.0-trixie",
                        "docker.io", "valkey/valkey", "9.0.0-trixie", null),
                valid("a valkey bookworm tag parses", "valkey/valkey:8.1.3-bookworm",
                        "docker.io", "valkey/valkey", "8.1.3-bookworm", null),
                valid("valkey from ghcr keeps its organisation path", "ghcr.io/valkey-io/valkey:8.1.3",
                        "ghcr.io", "valkey-io/valkey", "8.1.3", null),
                valid("valkey alpine from ghcr parses", "ghcr.io/valkey-io/valkey:9.0.0-alpine",
                        "ghcr.io", "valkey-io/valkey", "9.0.0-alpine", null),

                // Bitnami short names and the legacy namespace.
                valid("a short bitnami name is on docker hub", "bitnami/redis:7.2.4-debian-12-r9",
                        "docker.io", "bitnami/redis", "7.2.4-debian-12-r9", null),
                valid("a rolling bitnami minor tag parses", "bitnami/redis:7.2",
                        "docker.io", "bitnami/redis", "7.2", null),
                valid("a rolling bitnami debian tag parses", "bitnami/redis:7.2-debian-12",
                        "docker.io", "bitnami/redis", "7.2-debian-12", null),
                valid("a short bitnami valkey name parses", "bitnami/valkey:8.1.3-debian-12-r3",
                        "docker.io", "bitnami/valkey", "8.1.3-debian-12-r3", null),
                valid("a bitnamilegacy redis image parses", "bitnamilegacy/redis:7.2.5-debian-12-r4",
                        "docker.io", "bitnamilegacy/redis", "7.2.5-debian-12-r4", null),
                valid("a bitnamilegacy valkey image with docker.io parses",
                        "docker.io/bitnamilegacy/valkey:8.0.1-debian-12-r1",
                        "docker.io", "bitnamilegacy/valkey", "8.0.1-debian-12-r1", null),
                valid("a bitnamilegacy sentinel image parses", "bitnamilegacy/redis-sentinel:7.2.5-debian-12-r4",
                        "docker.io", "bitnamilegacy/redis-sentinel", "7.2.5-debian-12-r4", null),
                valid("the bitnami redis cluster image parses", "bitnami/redis-cluster:7.2.4-debian-12-r9",
                        "docker.io", "bitnami/redis-cluster", "7.2.4-debian-12-r9", null),

                // KeyDB, Redict, Dragonfly, Redis Stack.
                valid("a keydb x86_64 tag keeps its underscore", "eqalpha/keydb:x86_64_v6.3.4",
                        "docker.io", "eqalpha/keydb", "x86_64_v6.3.4", null),
                valid("a keydb arm64 tag parses", "eqalpha/keydb:arm64_v6.3.4",
                        "docker.io", "eqalpha/keydb", "arm64_v6.3.4", null),
                valid("the keydb unstable tag parses", "eqalpha/keydb:unstable",
                        "docker.io", "eqalpha/keydb", "unstable", null),
                valid("a keydb image without a tag parses", "eqalpha/keydb",
                        "docker.io", "eqalpha/keydb", null, null),
                valid("redict from its own registry keeps a single-name path", "registry.redict.io/redict:7.3.2",
                        "registry.redict.io", "redict", "7.3.2", null),
                valid("redict without a tag parses", "registry.redict.io/redict",
                        "registry.redict.io", "redict", null, null),
                valid("dragonfly from its own registry parses", "docker.dragonflydb.io/dragonflydb/dragonfly:v1.23.2",
                        "docker.dragonflydb.io", "dragonflydb/dragonfly", "v1.23.2", null),
                valid("dragonfly without a tag parses", "docker.dragonflydb.io/dragonflydb/dragonfly",
                        "docker.dragonflydb.io", "dragonflydb/dragonfly", null, null),
                valid("a redis stack server tag with its build parses", "redis/redis-stack-server:7.2.0-v10",
                        "docker.io", "redis/redis-stack-server", "7.2.0-v10", null),
                valid("redis stack server latest parses", "redis/redis-stack-server:latest",
                        "docker.io", "redis/redis-stack-server", "latest", null),

                // Sentinel, exporters and UIs.
                valid("the redis exporter keeps the underscore in its name", "oliver006/redis_exporter:v1.62.0",
                        "docker.io", "oliver006/redis_exporter", "v1.62.0", null),
                valid("the redis exporter alpine tag parses", "oliver006/redis_exporter:v1.62.0-alpine",
                        "docker.io", "oliver006/redis_exporter", "v1.62.0-alpine", null),
                valid("redisinsight parses", "redis/redisinsight:2.58",
                        "docker.io", "redis/redisinsight", "2.58", null),
                valid("redis commander parses", "rediscommander/redis-commander:latest",
                        "docker.io", "rediscommander/redis-commander", "latest", null),

                // Mirrors and pull-through proxies keep their path exactly.
                valid("the google mirror keeps the library prefix", "mirror.gcr.io/library/redis:7.2.4",
                        "mirror.gcr.io", "library/redis", "7.2.4", null),
                valid("the google mirror does not add a library prefix", "mirror.gcr.io/redis:7.2.4",
                        "mirror.gcr.io", "redis", "7.2.4", null),
                valid("a harbor proxy project keeps the whole path", "harbor.example.com/dockerhub/library/redis:7.2.4",
                        "harbor.example.com", "dockerhub/library/redis", "7.2.4", null),
                valid("the ecr public gallery keeps the docker library path",
                        "public.ecr.aws/docker/library/redis:7.2.4-alpine",
                        "public.ecr.aws", "docker/library/redis", "7.2.4-alpine", null),
                valid("the ecr public gallery keeps a bitnami path", "public.ecr.aws/bitnami/redis:7.2.4",
                        "public.ecr.aws", "bitnami/redis", "7.2.4", null),
                valid("a quay repository parses", "quay.io/opstree/redis:v7.0.15",
                        "quay.io", "opstree/redis", "v7.0.15", null),
                valid("an artifactory remote keeps the library path",
                        "mycompany.jfrog.io/docker-remote/library/redis:7.2.4",
                        "mycompany.jfrog.io", "docker-remote/library/redis", "7.2.4", null),
                valid("an artifact registry mirror keeps a deep path",
                        "europe-docker.pkg.dev/my-project/mirror/valkey/valkey:8.1.3",
                        "europe-docker.pkg.dev", "my-project/mirror/valkey/valkey", "8.1.3", null),
                valid("a private ecr registry parses",
                        "123456789012.dkr.ecr.eu-west-1.amazonaws.com/platform/redis:7.2.4",
                        "123456789012.dkr.ecr.eu-west-1.amazonaws.com", "platform/redis", "7.2.4", null),
                valid("an azure registry parses", "myregistry.azurecr.io/cache/redis:7.2.4",
                        "myregistry.azurecr.io", "cache/redis", "7.2.4", null),

                // Registries with ports, localhost and IP addresses.
                valid("a registry with a port keeps a single-name path", "registry.local:5000/redis",
                        "registry.local:5000", "redis", null, null),
                valid("a registry with a port, tag and digest parses",
                        "registry.local:5000/team/redis:7.2.4-alpine3.19@" + SHA_REDIS,
                        "registry.local:5000", "team/redis", "7.2.4-alpine3.19", SHA_REDIS),
                valid("a bare host with a port is a registry", "registry:5000/redis:7.2.4",
                        "registry:5000", "redis", "7.2.4", null),
                valid("localhost with a port is a registry", "localhost:5000/valkey/valkey:8.1.3",
                        "localhost:5000", "valkey/valkey", "8.1.3", null),
                valid("localhost without a port is a registry", "localhost/redis:7.2.4",
                        "localhost", "redis", "7.2.4", null),
                valid("an ipv4 registry with a port parses", "10.0.0.12:5000/cache/redis:7.2.4",
                        "10.0.0.12:5000", "cache/redis", "7.2.4", null),
                valid("an ipv6 registry with a port parses", "[::1]:5000/redis:7.2.4",
                        "[::1]:5000", "redis", "7.2.4", null),
                valid("an ipv6 registry without a port parses", "[fd00:10::5]/valkey/valkey:8.1",
                        "[fd00:10::5]", "valkey/valkey", "8.1", null),
                valid("a registry host is lowercased because dns is case-insensitive",
                        "Registry.Example.COM/team/redis:7.2.4",
                        "registry.example.com", "team/redis", "7.2.4", null),

                // Digests.
                valid("a digest without a tag has no tag", "redis@" + SHA_REDIS,
                        "docker.io", "library/redis", null, SHA_REDIS),
                valid("a tag and a digest are both kept", "redis:7.2.4@" + SHA_REDIS,
                        "docker.io", "library/redis", "7.2.4", SHA_REDIS),
                valid("a bitnami image pinned by digest keeps its tag",
                        "docker.io/bitnami/redis:7.2.4-debian-12-r9@" + SHA_BITNAMI,
                        "docker.io", "bitnami/redis", "7.2.4-debian-12-r9", SHA_BITNAMI),
                valid("a sha512 digest of the right length is accepted", "valkey/valkey@" + SHA512_VALKEY,
                        "docker.io", "valkey/valkey", null, SHA512_VALKEY),
                valid("a ghcr image with tag and digest parses", "ghcr.io/valkey-io/valkey:8.1.3@" + SHA_GHCR,
                        "ghcr.io", "valkey-io/valkey", "8.1.3", SHA_GHCR),
                valid("a digest on a registry with a port parses", "registry.local:5000/valkey@" + SHA_VALKEY,
                        "registry.local:5000", "valkey", null, SHA_VALKEY),

                // Path separators and limits.
                valid("a double underscore separates path words", "team/redis__cache:7.2.4",
                        "docker.io", "team/redis__cache", "7.2.4", null),
                valid("repeated dashes separate path words", "team/redis--cache:7.2.4",
                        "docker.io", "team/redis--cache", "7.2.4", null),
                valid("a dot separates path words", "team/redis.cache:7.2.4",
                        "docker.io", "team/redis.cache", "7.2.4", null),
                valid("a tag of exactly 128 characters is allowed", "redis:" + "7".repeat(128),
                        "docker.io", "library/redis", "7".repeat(128), null),
                valid("a name of exactly 255 characters with its registry is allowed",
                        "registry.local/" + "r".repeat(240), "registry.local", "r".repeat(240), null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validReferences")
    void parses_real_world_references(String sentence, String image, String registry, String repository,
            String tag, String digest) throws InvalidImageReferenceException {
        assertEquals(new ImageReference(registry, repository, tag, digest), ImageReference.parse(image));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validReferences")
    void the_canonical_form_parses_back_to_the_same_reference(String sentence, String image, String registry,
            String repository, String tag, String digest) throws InvalidImageReferenceException {
        ImageReference reference = ImageReference.parse(image);
        assertEquals(reference, ImageReference.parse(reference.toString()));
    }

    private static Arguments invalid(String sentence, String image, String messageFragment) {
        return Arguments.of(sentence, image, messageFragment);
    }

    static Stream<Arguments> invalidReferences() {
        return Stream.of(
                invalid("an empty image is rejected", "", "it is empty"),
                invalid("a blank image is rejected", "   ", "it is empty"),
                invalid("a null image is rejected", null, "it is empty"),
                invalid("a space inside is rejected", "redis :7", "it contains whitespace"),
                invalid("a trailing newline is rejected", "redis:7\n", "it contains whitespace"),
                invalid("an uppercase official name is rejected", "Redis:7", "repository names must be lowercase"),
                invalid("an uppercase user repository is rejected", "bitnami/Redis:7.2.4",
                        "repository names must be lowercase"),
                invalid("an uppercase namespace is not mistaken for a registry", "Bitnami/redis:7.2.4",
                        "repository names must be lowercase"),
                invalid("an https url is rejected", "https://ghcr.io/valkey-io/valkey:8.1.3",
                        "it starts with a URL scheme"),
                invalid("an oci chart url is rejected", "oci://registry-1.docker.io/bitnamicharts/redis",
                        "it starts with a URL scheme"),
                invalid("a leading slash is rejected", "/redis:7", "it starts with '/'"),
                invalid("a trailing slash is rejected", "bitnami/redis/", "the repository name ends with '/'"),
                invalid("an empty path component is rejected", "bitnami//redis", "empty path component"),
                invalid("a missing repository is rejected", ":7.2.4", "it has no repository name"),
                invalid("a trailing colon is rejected", "redis:", "it has a ':' but no tag after it"),
                invalid("a colon before the digest without a tag is rejected", "redis:@" + SHA_REDIS,
                        "it has a ':' but no tag after it"),
                invalid("a trailing at sign is rejected", "redis@", "it ends with '@' but no digest follows"),
                invalid("a trailing at sign after a tag is rejected", "redis:7.2.4@",
                        "it ends with '@' but no digest follows"),
                invalid("a tag with a bad character is rejected", "redis:7.2!4",
                        "the tag \"7.2!4\" may contain only letters, digits"),
                invalid("a tag starting with a dot is rejected", "redis:.7", "must not start with '.' or '-'"),
                invalid("a tag starting with a dash is rejected", "redis:-alpine", "must not start with '.' or '-'"),
                invalid("a tag longer than 128 characters is rejected", "redis:" + "7".repeat(129),
                        "the tag is 129 characters long, at most 128 are allowed"),
                invalid("a short sha256 digest is rejected", "redis@sha256:34fb46c8",
                        "a sha256 digest has 64 hex digits, this one has 8"),
                invalid("a sha512 digest with sha256 length is rejected", "redis@sha512:" + SHA_REDIS.substring(7),
                        "a sha512 digest has 128 hex digits, this one has 64"),
                invalid("an uppercase digest is rejected", "redis@" + SHA_REDIS.toUpperCase().replace("SHA", "sha"),
                        "only lowercase hex digits"),
                invalid("an unsupported digest algorithm is rejected",
                        "redis@md5:5d41402abc4b2a76b9719d911017c592",
                        "digest algorithm \"md5\" is not supported; use sha256 or sha512"),
                invalid("a digest without an algorithm is rejected", "redis@" + SHA_REDIS.substring(7),
                        "has no algorithm"),
                invalid("two digests are rejected", "redis@" + SHA_REDIS + "@" + SHA_VALKEY,
                        "more than one '@'"),
                invalid("a bare image id is rejected", SHA_REDIS.substring(7), "it is a bare image ID"),
                invalid("a registry host with an underscore is rejected", "my_registry.example.com/redis:7.2.4",
                        "the registry \"my_registry.example.com\" is not a valid host name"),
                invalid("a registry with a named port is rejected", "registry.local:http/redis",
                        "is not a valid host name, host:port or [IPv6]:port"),
                invalid("an unclosed ipv6 registry is rejected", "[::1:5000/redis",
                        "is not a valid host name, host:port or [IPv6]:port"),
                invalid("a registry without a repository is rejected", "[::1]:5000",
                        "\"[::1]\" is not a valid repository path component"),
                invalid("a path component starting with a dash is rejected", "team/-redis:7",
                        "\"-redis\" is not a valid repository path component"),
                invalid("a path component with two dots is rejected", "team/re..dis:7",
                        "\"re..dis\" is not a valid repository path component"),
                invalid("a name longer than 255 characters is rejected", "registry.local/" + "r".repeat(241),
                        "the name is 256 characters long with its registry, at most 255 are allowed"),
                invalid("a docker hub name is measured with its library prefix", "r".repeat(240),
                        "the name is 258 characters long with its registry"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidReferences")
    void rejects_malformed_references_with_a_message_that_says_what_is_wrong(String sentence, String image,
            String messageFragment) {
        InvalidImageReferenceException error =
                assertThrows(InvalidImageReferenceException.class, () -> ImageReference.parse(image));
        String message = error.getMessage();
        assertTrue(message.contains(messageFragment), () -> "message was: " + message);
        assertTrue(message.startsWith("image \""), () -> "message was: " + message);
        assertTrue(message.contains(" is not a valid reference: "), () -> "message was: " + message);
        assertTrue(message.endsWith(")") && message.contains(" (e.g. "), () -> "message was: " + message);
        assertFalse(message.chars().anyMatch(Character::isISOControl),
                () -> "kube-apiserver drops warnings with control characters: " + message);
    }

    @Test
    void the_message_names_the_image_the_problem_and_an_example() {
        InvalidImageReferenceException error =
                assertThrows(InvalidImageReferenceException.class, () -> ImageReference.parse("Redis:7"));
        assertEquals("image \"Redis:7\" is not a valid reference: repository names must be lowercase"
                + " (e.g. redis:7.2.4)", error.getMessage());
    }

    @Test
    void a_very_long_image_is_shortened_in_the_message_so_the_problem_stays_visible() {
        InvalidImageReferenceException error = assertThrows(InvalidImageReferenceException.class,
                () -> ImageReference.parse("registry.local/" + "r".repeat(300)));
        assertFalse(error.getMessage().contains("r".repeat(100)), error.getMessage());
        assertTrue(error.getMessage().contains("…\" is not a valid reference: the name is 315 characters long"),
                error.getMessage());
    }

    static Stream<Arguments> effectiveTags() {
        return Stream.of(
                Arguments.of("no tag and no digest means latest", "redis", "latest"),
                Arguments.of("a written tag is the effective tag", "redis:7.2.4", "7.2.4"),
                Arguments.of("a digest-only reference has no tag", "redis@" + SHA_REDIS, null),
                Arguments.of("a tag next to a digest is kept", "redis:7.2.4@" + SHA_REDIS, "7.2.4"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("effectiveTags")
    void the_effective_tag_is_what_the_runtime_resolves(String sentence, String image, String effectiveTag)
            throws InvalidImageReferenceException {
        assertEquals(effectiveTag, ImageReference.parse(image).effectiveTag());
    }

    static Stream<Arguments> canonicalForms() {
        return Stream.of(
                Arguments.of("a short official name is written in full", "redis:7.2", "docker.io/library/redis:7.2"),
                Arguments.of("a missing tag is not invented", "redis", "docker.io/library/redis"),
                Arguments.of("an index.docker.io name is written on docker.io", "index.docker.io/bitnami/redis:7.2.4",
                        "docker.io/bitnami/redis:7.2.4"),
                Arguments.of("a mirror is written as given", "mirror.gcr.io/library/redis:7.2.4",
                        "mirror.gcr.io/library/redis:7.2.4"),
                Arguments.of("tag and digest are both written", "registry.local:5000/team/redis:7.2.4@" + SHA_REDIS,
                        "registry.local:5000/team/redis:7.2.4@" + SHA_REDIS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("canonicalForms")
    void the_canonical_form_is_the_full_reference(String sentence, String image, String canonical)
            throws InvalidImageReferenceException {
        assertEquals(canonical, ImageReference.parse(image).toString());
    }
}
