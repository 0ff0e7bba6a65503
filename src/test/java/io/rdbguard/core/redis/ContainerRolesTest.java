package io.rdbguard.core.redis;

import static io.rdbguard.core.redis.FormatChecksFixture.IDENTIFIER;
import static io.rdbguard.core.redis.FormatChecksFixture.container;
import static io.rdbguard.core.redis.FormatChecksFixture.oneWay;
import static io.rdbguard.core.redis.FormatChecksFixture.only;
import static io.rdbguard.core.redis.FormatChecksFixture.running;
import static io.rdbguard.core.redis.FormatChecksFixture.statefulSet;
import static io.rdbguard.core.redis.FormatChecksFixture.unpinned;
import static io.rdbguard.core.redis.FormatChecksFixture.unreadable;
import static io.rdbguard.core.redis.FormatChecksFixture.update;
import static io.rdbguard.core.redis.FormatChecksFixture.withDataVolume;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rdbguard.core.check.Finding;
import io.rdbguard.core.check.Status;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.Container;
import io.rdbguard.core.workload.ContainerRole;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 13: a container's role comes from what it runs, and only datastore servers get format findings. */
class ContainerRolesTest {

    private static final ContainerRoles ROLES = new ContainerRoles(IDENTIFIER);

    private static List<String> words(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split(" "));
    }

    static Stream<Arguments> containers() {
        return Stream.of(
                Arguments.of("the official image with no command runs its CMD redis-server", "redis:7.2.4", "", "", ContainerRole.DATASTORE),
                Arguments.of("the official image given only options runs redis-server", "redis:7.2.4", "", "--appendonly yes", ContainerRole.DATASTORE),
                Arguments.of("redis-server --sentinel is a sentinel", "redis:7.2.4", "redis-server", "/etc/sentinel.conf --sentinel", ContainerRole.SENTINEL),
                Arguments.of("args redis-sentinel after the official entrypoint is a sentinel", "redis:7.2.4", "", "redis-sentinel /etc/sentinel.conf", ContainerRole.SENTINEL),
                Arguments.of("valkey-sentinel is a sentinel", "valkey/valkey:8.1.1", "valkey-sentinel", "/etc/sentinel.conf", ContainerRole.SENTINEL),
                Arguments.of("the bitnami/redis-sentinel image with no command runs its sentinel", "docker.io/bitnami/redis-sentinel:7.2.5-debian-12-r4", "", "", ContainerRole.SENTINEL),
                Arguments.of("a shell loop around redis-cli is a tool", "redis:7.2.4", "sh -c", "while true; do redis-cli -h master ping; sleep 10; done", ContainerRole.TOOL),
                Arguments.of("an init container that only runs redis-cli is a tool", "redis:7.2.4", "redis-cli", "-h cache ping", ContainerRole.TOOL),
                Arguments.of("curl is a tool", "redis:7.2.4", "curl", "-fsSL -o /data/dump.rdb https://example.invalid/dump.rdb", ContainerRole.TOOL),
                Arguments.of("sh -c 'cp ...' is a tool", "redis:7.2.4", "sh -c", "cp /config/redis.conf /data/redis.conf && chown 1001 /data/redis.conf", ContainerRole.TOOL),
                Arguments.of("a script that runs redis-cli and then execs the server is a datastore", "redis:7.2.4", "sh -c", "redis-cli --version && exec redis-server /conf/redis.conf", ContainerRole.DATASTORE),
                Arguments.of("an unknown script in a datastore image is a datastore: unknown is never safe", "redis:7.2.4", "/scripts/start.sh", "", ContainerRole.DATASTORE),
                Arguments.of("Dragonfly's image with no command runs dragonfly", "ghcr.io/dragonflydb/dragonfly:v1.24.0", "", "", ContainerRole.DATASTORE),
                Arguments.of("the exporter image is an exporter", "docker.io/oliver006/redis_exporter:v1.62.0", "", "", ContainerRole.EXPORTER),
                Arguments.of("an image the catalog does not know running sleep is a tool", "busybox:1.36", "sh -c", "sleep 3600", ContainerRole.TOOL),
                Arguments.of("an image the catalog does not know running nothing known is other", "nginx:1.27", "", "", ContainerRole.OTHER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void a_containers_role_comes_from_what_it_runs(String description, String image, String command, String args,
            ContainerRole role) {
        List<String> commandWords = command.startsWith("sh -c") ? List.of("sh", "-c") : words(command);
        List<String> argWords = command.startsWith("sh -c") ? List.of(args) : words(args);
        assertEquals(role, ROLES.roleOf(running("c", image, false, commandWords, argWords)));
    }

    @Test
    void a_sentinel_that_uses_the_redis_image_gets_no_format_findings() {
        Container before = running("sentinel", "redis:7.2.4", false, List.of("redis-sentinel", "/conf/sentinel.conf"), List.of());
        Container after = running("sentinel", "redis:8.6.0", false, List.of("redis-sentinel", "/conf/sentinel.conf"), List.of());
        Change change = update(statefulSet(before), statefulSet(after));

        assertEquals(List.of(), oneWay().evaluate(change));
        assertEquals(List.of(), unreadable().evaluate(change));
        assertEquals(List.of(), unpinned().evaluate(change));
    }

    @Test
    void an_init_container_that_only_downloads_a_dump_is_not_a_format_change() {
        Container before = running("fetch", "redis:7.2.4", true, List.of("sh", "-c"), List.of("wget -O /data/dump.rdb $URL"));
        Container after = running("fetch", "valkey/valkey:9.0.0", true, List.of("sh", "-c"), List.of("wget -O /data/dump.rdb $URL"));
        Change change = update(statefulSet(before, container("redis", "redis:7.2.4")),
                statefulSet(after, container("redis", "redis:7.2.4")));

        assertEquals(List.of(), oneWay().evaluate(change));
        assertEquals(List.of(), unreadable().evaluate(change));
    }

    @Test
    void an_unknown_image_replacing_the_server_on_its_data_volume_cannot_be_proven_safe() {
        Container before = running("redis", "redis:7.2.4", false, List.of(), List.of());
        Container after = running("redis", "registry.corp/cachedb:2.1", false, List.of(), List.of());
        Change change = update(withDataVolume(Map.of(), before), withDataVolume(Map.of(), after));

        Finding finding = only(oneWay().evaluate(change));
        assertEquals(Status.FAIL, finding.status());
        assertEquals("registry.corp/cachedb:2.1 replaces redis:7.2.4 (Redis 7.2, REDIS0011) on its data volume, and the"
                + " catalog does not know that image: rdb-guard cannot tell whether it loads the data, nor whether"
                + " redis:7.2.4 can load what it saves", finding.message());
        assertTrue(finding.fix().contains("rdb-guard.io/backup"), finding.fix());
        assertTrue(finding.fix().endsWith("or pin an image the catalog knows, or add its repository to the catalog"
                + " extension (repositories:)"), finding.fix());
        assertEquals(ContainerRole.DATASTORE, ROLES.roleOf(change, after), "the readiness minimum stays");
    }

    @Test
    void an_unknown_image_replacing_the_server_is_allowed_by_a_fresh_backup() {
        Map<String, String> backup = Map.of("rdb-guard.io/backup", "s3://backups/cache",
                "rdb-guard.io/backup-taken-at", "2026-11-25T11:00:00Z");
        Change change = update(withDataVolume(backup, running("redis", "redis:7.2.4", false, List.of(), List.of())),
                withDataVolume(backup, running("redis", "registry.corp/cachedb:2.1", false, List.of(), List.of())));

        Finding finding = only(oneWay().evaluate(change));
        assertEquals(Status.WARN, finding.status());
        assertTrue(finding.message().startsWith("allowed by backup s3://backups/cache"), finding.message());
    }

    @Test
    void an_unknown_image_without_the_data_volume_is_not_a_datastore() {
        Change change = update(statefulSet(container("redis", "redis:7.2.4")),
                statefulSet(container("redis", "registry.corp/cachedb:2.1")));

        assertEquals(List.of(), oneWay().evaluate(change));
        assertEquals(ContainerRole.OTHER, ROLES.roleOf(change, change.workload().template().containers().get(0)));
    }
}
