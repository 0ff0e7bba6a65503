package io.rdbguard.webhook;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.rdbguard.testing.Fixtures;
import io.rdbguard.testing.Reviews;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The format guard as the person at the terminal meets it: UPDATE reviews built from the rendered Bitnami charts,
 * sent over HTTPS, with the default policy (rdb-unreadable and rdb-one-way enforce, image-unpinned warns).
 * Backup times come from the real clock, as the webhook judges them on the system clock.
 */
@QuarkusTest
@TestProfile(FormatGuardHttpsTest.Policy.class)
@QuarkusTestResource(TestEnvironment.class)
class FormatGuardHttpsTest {

    public static class Policy extends OwnPolicyFile {
    }

    static final ObjectMapper JSON = new ObjectMapper();

    static final String REDIS_17 = "bitnami-redis/redis-17.17.1-replication.yaml";
    static final String REDIS_18 = "bitnami-redis/redis-18.19.4-replication.yaml";
    static final String REDIS_19 = "bitnami-redis/redis-19.6.4-replication.yaml";
    static final String REDIS_19_SENTINEL = "bitnami-redis/redis-19.6.4-sentinel.yaml";
    static final String REDIS_20 = "bitnami-redis/redis-20.13.4-replication.yaml";
    static final String REDIS_23 = "bitnami-redis/redis-23.1.1-replication.yaml";
    static final String REDIS_23_SENTINEL = "bitnami-redis/redis-23.1.1-sentinel.yaml";
    static final String VALKEY_1 = "bitnami-valkey/valkey-1.0.3-replication.yaml";
    static final String VALKEY_3 = "bitnami-valkey/valkey-3.0.31-replication.yaml";

    static final String MASTER = "mastodon-redis-master";
    static final String REPLICAS = "mastodon-redis-replicas";
    static final String NODE = "mastodon-redis-node";

    static final String BITNAMI_REDIS_7_2 = "docker.io/bitnami/redis:7.2.5-debian-12-r4";
    static final String BITNAMI_VALKEY_8_0 = "docker.io/bitnami/valkey:8.0.1-debian-12-r1";
    static final String REDICT_7_3 = "registry.redict.io/redict:7.3.0";
    static final String DIGEST = "sha256:" + "3f".repeat(32);
    /** Backup locations as long as real ones: the warnings that name them are cut at 120 characters. */
    static final String BACKUP = "s3://mastodon-backups/redis-master.rdb";
    static final String RESTORE = "s3://mastodon-backups/redis-7.2.rdb";

    /** The annotation a denial's fix tells the user to set, per check. */
    static final Map<String, String> ANNOTATION_IN_FIX = Map.of(
            "rdb-unreadable", "rdb-guard.io/restore-from=",
            "rdb-one-way", "rdb-guard.io/backup=");

    private static final Pattern EXAMPLE_TIME = Pattern.compile("e\\.g\\. \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    private static final Pattern DENIAL_LINE = Pattern.compile("^- \\[([a-z-]+)] container ([^:]+):", Pattern.MULTILINE);

    @TestHTTPResource(value = "/validate", tls = true)
    URL validate;

    @Inject
    LiveEngine liveEngine;

    /** Other test classes rewrite the policy file in the same Quarkus run; these verdicts are the defaults'. */
    @BeforeEach
    void useTheDefaultPolicy() throws IOException {
        TestEnvironment.usePolicy(liveEngine, "");
    }

    // --- denied: the verdict, what will happen, and the annotation that lets it through ---

    static Stream<Arguments> deniedSwaps() {
        return Stream.of(
                denied("argo-helm: Redis 7.4.2 moved back to 7.2.8 cannot read REDIS0012",
                        image(master(REDIS_20), "redis", "public.ecr.aws/docker/library/redis:7.4.2-alpine"),
                        image(master(REDIS_20), "redis", "public.ecr.aws/docker/library/redis:7.2.8-alpine"),
                        "rdb-unreadable", "redis", "REDIS0012 → REDIS0011",
                        "the pods will crash-loop with \"Can't handle RDB format version 12\""),
                denied("the Bitnami chart downgraded from 20.13.4 to 19.6.4 takes Redis 7.4.3 back to 7.2.5",
                        master(REDIS_20), master(REDIS_19),
                        "rdb-unreadable", "redis", "REDIS0012 → REDIS0011",
                        "the pods will crash-loop with \"Can't handle RDB format version 12\""),
                denied("Bitnami Redis 7.4 to Bitnami Valkey 8.0 cannot read REDIS0012",
                        master(REDIS_20), image(master(REDIS_20), "redis", BITNAMI_VALKEY_8_0),
                        "rdb-unreadable", "redis", "REDIS0012 → REDIS0011",
                        "the pods will crash-loop with \"Can't handle RDB format version 12\""),
                denied("the outage: Bitnami Redis 7.2 to Redict 7.3 under a Helm release is one-way",
                        helmOwned(master(REDIS_19)), helmOwned(image(master(REDIS_19), "redis", REDICT_7_3)),
                        "rdb-one-way", "redis", "REDIS0011 → REDIS0012",
                        "rollback to " + BITNAMI_REDIS_7_2 + " will be impossible once " + REDICT_7_3
                                + " saves (Redis 7.2 cannot load REDIS0012)"),
                denied("the outage's rollback: Redict 7.3 back to Bitnami Redis 7.2 cannot read REDIS0012",
                        helmOwned(image(master(REDIS_19), "redis", REDICT_7_3)), helmOwned(master(REDIS_19)),
                        "rdb-unreadable", "redis", "REDIS0012 → REDIS0011",
                        "the pods will crash-loop with \"Can't handle RDB format version 12\""),
                denied("Redis 7.2 to Valkey 9 is one-way",
                        master(REDIS_19), image(master(REDIS_19), "redis", "valkey/valkey:9.0.1"),
                        "rdb-one-way", "redis", "REDIS0011 → VALKEY080",
                        "will be impossible once valkey/valkey:9.0.1 saves (Redis 7.2 cannot load VALKEY080)"),
                denied("the Bitnami chart upgraded from 17.17.1 to 18.19.4 takes the replicas from Redis 7.0 to 7.2, one-way",
                        Fixtures.statefulSet(REDIS_17, REPLICAS), Fixtures.statefulSet(REDIS_18, REPLICAS),
                        "rdb-one-way", "redis", "REDIS0010 → REDIS0011", "(Redis 7.0 cannot load REDIS0011)"),
                denied("the Bitnami sentinel chart upgraded from 19.6.4 to 23.1.1 takes the redis container to Redis 8.2, one-way",
                        Fixtures.statefulSet(REDIS_19_SENTINEL, NODE), Fixtures.statefulSet(REDIS_23_SENTINEL, NODE),
                        "rdb-one-way", "redis", "REDIS0011 → REDIS0012", "(Redis 7.2 cannot load REDIS0012)"),
                denied("netbox-docker: floating redis:7-alpine to Valkey 8.0 cannot be proven safe",
                        image(master(REDIS_19), "redis", "redis:7-alpine"),
                        image(master(REDIS_19), "redis", "valkey/valkey:8.0.1-alpine"),
                        "rdb-one-way", "redis", "REDIS0010 or REDIS0011 or REDIS0012 → REDIS0011",
                        "rdb-guard cannot prove this is safe (the tag 7-alpine follows the newest release of its major"
                                + " version, across formats, so it may run Redis 7.0 or 7.2 or 7.4)"),
                denied("moving to the floating redis:7-alpine makes the new format unknown",
                        image(master(REDIS_19), "redis", "redis:7.2.4-alpine"),
                        image(master(REDIS_19), "redis", "redis:7-alpine"),
                        "rdb-one-way", "redis", "REDIS0011 → REDIS0010 or REDIS0011 or REDIS0012",
                        "redis:7-alpine may not load the data (REDIS0011 loads in Redis 7.2, 7.4, not in Redis 7.0)"),
                denied("an image by digest alone makes the new format unknown",
                        master(REDIS_19), image(master(REDIS_19), "redis", "docker.io/bitnami/redis@" + DIGEST),
                        "rdb-one-way", "redis", "REDIS0011 → any of REDIS0006..REDIS0015",
                        "a digest alone does not say which release it is"),
                denied("a Redis version the catalog does not know makes the new format unknown",
                        master(REDIS_19), image(master(REDIS_19), "redis", "redis:9.0.0"),
                        "rdb-one-way", "redis", "REDIS0011 → a format the catalog does not know (Redis 9.0.0)",
                        "the catalog has no Redis 9.0.0 release line"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deniedSwaps")
    void a_swap_that_loses_data_is_denied_with_the_container_both_images_both_formats_and_the_annotation(
            String sentence, StatefulSet before, StatefulSet after, String checkId, String container, String formats,
            String consequence) {
        Reviews review = Reviews.update(before, after);

        JsonNode response = send(review);

        assertEquals(review.uid(), response.path("uid").asText());
        assertFalse(response.path("allowed").asBoolean(true), response.toString());
        assertEquals(403, response.path("status").path("code").asInt());
        String message = response.path("status").path("message").asText();
        assertEquals(Set.of(checkId + " " + container), denials(message), message);
        String line = lineOf(message, checkId);
        assertTrue(line.contains("[" + checkId + "] container " + container + ": "), line);
        for (String phrase : List.of(imageOf(before, container), imageOf(after, container), formats, consequence,
                "Fix: ", ANNOTATION_IN_FIX.get(checkId))) {
            assertTrue(line.contains(phrase), "'" + phrase + "' missing from: " + line);
        }
    }

    @Test
    void redis_7_4_to_valkey_9_is_unreadable_and_one_way_so_a_restore_source_alone_does_not_let_it_through() {
        StatefulSet before = master(REDIS_20);
        StatefulSet after = image(master(REDIS_20), "redis", "valkey/valkey:9.0.1");

        String bothDenied = send(Reviews.update(before, after)).path("status").path("message").asText();
        JsonNode restoreOnly = send(Reviews.update(before, annotate(after, "rdb-guard.io/restore-from", RESTORE)));

        assertEquals(Set.of("rdb-unreadable redis", "rdb-one-way redis"), denials(bothDenied), bothDenied);
        assertTrue(bothDenied.contains(": 2 violations\n"), bothDenied);
        assertTrue(lineOf(bothDenied, "rdb-unreadable").contains("(REDIS0012 → VALKEY080)"), bothDenied);
        assertTrue(lineOf(bothDenied, "rdb-one-way").contains("(Redis 7.4 cannot load VALKEY080)"), bothDenied);
        String message = restoreOnly.path("status").path("message").asText();
        assertEquals(Set.of("rdb-one-way redis"), denials(message), message);
        assertTrue(formatWarnings(restoreOnly).get(0).startsWith("rdb-guard [rdb-unreadable] container redis: allowed by"
                + " rdb-guard.io/restore-from=" + RESTORE), restoreOnly.toString());
    }

    // --- allowed: same format, or not a datastore ---

    static Stream<Arguments> allowedChanges() {
        return Stream.of(
                Arguments.of("the Bitnami chart upgraded from 18.19.4 to 19.6.4 stays on Redis 7.2",
                        master(REDIS_18), master(REDIS_19)),
                Arguments.of("the Bitnami Valkey chart upgraded from 1.0.3 to 3.0.31 goes from Valkey 8.0 to 8.1, both REDIS0011",
                        Fixtures.statefulSet(VALKEY_1, "mastodon-valkey-replicas"),
                        Fixtures.statefulSet(VALKEY_3, "mastodon-valkey-replicas")),
                Arguments.of("Bitnami Redis 7.2 to Bitnami Valkey 8.1 keeps REDIS0011",
                        master(REDIS_19), image(master(REDIS_19), "redis", "docker.io/bitnami/valkey:8.1.3-debian-12-r3")),
                Arguments.of("only the sentinel container of the sentinel chart changes",
                        Fixtures.statefulSet(REDIS_19_SENTINEL, NODE),
                        image(Fixtures.statefulSet(REDIS_19_SENTINEL, NODE), "sentinel",
                                "docker.io/bitnami/redis-sentinel:8.2.1-debian-12-r0")),
                Arguments.of("an exporter sidecar is added next to Redis",
                        master(REDIS_19), withExporter(master(REDIS_19), "oliver006/redis_exporter:v1.62.0")),
                Arguments.of("the exporter sidecar is upgraded",
                        withExporter(master(REDIS_19), "oliver006/redis_exporter:v1.55.0"),
                        withExporter(master(REDIS_19), "oliver006/redis_exporter:v1.62.0")),
                Arguments.of("a PostgreSQL StatefulSet moves from 16 to 17",
                        postgres("postgres:16.4"), postgres("postgres:17.2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowedChanges")
    void a_change_that_keeps_the_data_readable_both_ways_passes_without_format_warnings(String sentence,
            StatefulSet before, StatefulSet after) {
        Reviews review = Reviews.update(before, after);

        JsonNode response = send(review);

        assertEquals(review.uid(), response.path("uid").asText());
        assertTrue(response.path("allowed").asBoolean(false), response.toString());
        assertTrue(response.path("status").isMissingNode(), response.toString());
        assertEquals(List.of(), formatWarnings(response), response.toString());
    }

    @Test
    void a_change_that_looks_safe_only_by_unverified_catalog_rows_is_allowed_with_a_warning_that_says_so() {
        Reviews review = Reviews.update(master(REDIS_20), master(REDIS_23));

        JsonNode response = send(review);

        assertTrue(response.path("allowed").asBoolean(false), response.toString());
        assertEquals(List.of("rdb-guard [rdb-one-way] container redis: rollback looks safe, but only by unverified catalog"
                + " facts: Redis 8.2:…"), formatWarnings(response), response.toString());
    }

    // --- the annotations: honoured with a warning that names them, or denied with what is wrong ---

    static Stream<Arguments> annotatedSwaps() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return Stream.of(
                Arguments.of("a restore source lets Redis 7.4 go back to 7.2",
                        master(REDIS_20), annotate(master(REDIS_19), "rdb-guard.io/restore-from", RESTORE),
                        "rdb-guard [rdb-unreadable] container redis: allowed by rdb-guard.io/restore-from=" + RESTORE + ":"),
                Arguments.of("a backup of 2 hours lets Redis 7.2 go to Valkey 9",
                        master(REDIS_19), backedUp(image(master(REDIS_19), "redis", "valkey/valkey:9.0.1"),
                                now.minus(Duration.ofHours(2)).toString()),
                        "rdb-guard [rdb-one-way] container redis: allowed by backup " + BACKUP + " taken 2h ago:"),
                Arguments.of("a backup recorded in Helm's pod annotations lets the outage's Redict swap through",
                        helmOwned(master(REDIS_19)),
                        podAnnotate(helmOwned(image(master(REDIS_19), "redis", REDICT_7_3)),
                                "rdb-guard.io/backup", BACKUP,
                                "rdb-guard.io/backup-taken-at", now.minus(Duration.ofMinutes(30)).toString()),
                        "rdb-guard [rdb-one-way] container redis: allowed by backup " + BACKUP + " taken 30m ago:"),
                Arguments.of("a backup timestamp with a zone offset is read as the instant it names",
                        master(REDIS_19), backedUp(image(master(REDIS_19), "redis", "valkey/valkey:9.0.1"),
                                now.minus(Duration.ofHours(3)).atOffset(ZoneOffset.ofHours(2)).toString()),
                        "allowed by backup " + BACKUP + " taken 3h ago:"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("annotatedSwaps")
    void a_recorded_restore_or_fresh_backup_allows_the_swap_with_a_warning_naming_it(String sentence,
            StatefulSet before, StatefulSet after, String warning) {
        Reviews review = Reviews.update(before, after);

        JsonNode response = send(review);

        assertEquals(review.uid(), response.path("uid").asText());
        assertTrue(response.path("allowed").asBoolean(false), response.toString());
        List<String> warnings = formatWarnings(response);
        assertEquals(1, warnings.size(), response.toString());
        assertTrue(warnings.get(0).contains(warning), warnings.get(0));
    }

    static Stream<Arguments> badBackupRecords() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return Stream.of(
                Arguments.of("a backup time that is not RFC 3339", backedUp(valkey9(), "yesterday"),
                        "rdb-guard.io/backup-taken-at=\"yesterday\" is not an RFC 3339 time with a zone; write e.g. "),
                Arguments.of("a backup time without a zone", backedUp(valkey9(), "2026-11-25T09:00:00"),
                        "rdb-guard.io/backup-taken-at=\"2026-11-25T09:00:00\" is not an RFC 3339 time with a zone"),
                Arguments.of("a backup of 25 hours", backedUp(valkey9(), now.minus(Duration.ofHours(25)).toString()),
                        "backup " + BACKUP + " is 25h old (rdb-guard.io/backup-taken-at=" + now.minus(Duration.ofHours(25))
                                + "), more than the 24h allowed; take a fresh one."),
                Arguments.of("a backup of last month", backedUp(valkey9(), now.minus(Duration.ofDays(31)).toString()),
                        "backup " + BACKUP + " is 31 days old"),
                Arguments.of("a backup time two hours in the future",
                        backedUp(valkey9(), now.plus(Duration.ofHours(2)).toString()),
                        "rdb-guard.io/backup-taken-at=" + now.plus(Duration.ofHours(2)) + " is 1h 59m in the future;"
                                + " write when the backup was taken"),
                Arguments.of("a backup without its time",
                        annotate(valkey9(), "rdb-guard.io/backup", BACKUP),
                        "rdb-guard.io/backup-taken-at is missing; write when backup " + BACKUP + " was taken"),
                Arguments.of("a backup time without the backup",
                        annotate(valkey9(), "rdb-guard.io/backup-taken-at", now.toString()),
                        "rdb-guard.io/backup is missing; it must name where the backup is."));
    }

    @ParameterizedTest(name = "{0} is denied and the message says what is wrong")
    @MethodSource("badBackupRecords")
    void a_backup_record_that_cannot_be_trusted_is_denied_with_what_is_wrong(String sentence, StatefulSet after,
            String problem) {
        Reviews review = Reviews.update(master(REDIS_19), after);

        JsonNode response = send(review);

        assertFalse(response.path("allowed").asBoolean(true), response.toString());
        assertEquals(403, response.path("status").path("code").asInt());
        String line = lineOf(response.path("status").path("message").asText(), "rdb-one-way");
        assertTrue(line.startsWith("- [rdb-one-way] container redis: " + problem), line);
        assertTrue(line.contains("REDIS0011 → VALKEY080 is one-way"), "the underlying problem is kept: " + line);
    }

    // --- dry run ---

    static Stream<Arguments> everyCase() {
        return Stream.of(deniedSwaps(), allowedChanges(), annotatedSwaps(),
                        badBackupRecords().map(a -> Arguments.of(a.get()[0], master(REDIS_19), a.get()[1])))
                .flatMap(s -> s)
                .map(a -> Arguments.of(a.get()[0], a.get()[1], a.get()[2]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCase")
    void a_dry_run_gets_the_same_verdict_message_and_warnings(String sentence, StatefulSet before, StatefulSet after) {
        JsonNode real = send(Reviews.update(before, after));
        Reviews dryRun = Reviews.update(before, after).dryRun();

        JsonNode dry = send(dryRun);

        assertEquals(dryRun.uid(), dry.path("uid").asText());
        assertEquals(real.path("allowed"), dry.path("allowed"));
        assertEquals(withoutExampleTimes(real.path("status")), withoutExampleTimes(dry.path("status")));
        assertEquals(real.path("warnings"), dry.path("warnings"));
    }

    /** A message suggests the current time ("write e.g. 2026-11-25T12:00:00Z"), which moves between two requests. */
    private static String withoutExampleTimes(JsonNode node) {
        return EXAMPLE_TIME.matcher(node.toString()).replaceAll("e.g. <now>");
    }

    // --- building the reviews ---

    static Arguments denied(String sentence, StatefulSet before, StatefulSet after, String checkId, String container,
            String formats, String consequence) {
        return Arguments.of(sentence, before, after, checkId, container, formats, consequence);
    }

    static StatefulSet master(String fixture) {
        return Fixtures.statefulSet(fixture, MASTER);
    }

    static StatefulSet valkey9() {
        return image(master(REDIS_19), "redis", "valkey/valkey:9.0.1");
    }

    static StatefulSet image(StatefulSet sts, String container, String image) {
        container(sts, container).setImage(image);
        return sts;
    }

    /** The ownership annotations Helm adds at install; helm template output lacks them. */
    static StatefulSet helmOwned(StatefulSet sts) {
        return annotate(sts, "meta.helm.sh/release-name", "mastodon", "meta.helm.sh/release-namespace", "mastodon");
    }

    static StatefulSet backedUp(StatefulSet sts, String takenAt) {
        return annotate(sts, "rdb-guard.io/backup", BACKUP, "rdb-guard.io/backup-taken-at", takenAt);
    }

    static StatefulSet annotate(StatefulSet sts, String... keysAndValues) {
        addAnnotations(sts.getMetadata(), keysAndValues);
        return sts;
    }

    static StatefulSet podAnnotate(StatefulSet sts, String... keysAndValues) {
        addAnnotations(sts.getSpec().getTemplate().getMetadata(), keysAndValues);
        return sts;
    }

    private static void addAnnotations(ObjectMeta metadata, String... keysAndValues) {
        Map<String, String> annotations = new LinkedHashMap<>();
        if (metadata.getAnnotations() != null) {
            annotations.putAll(metadata.getAnnotations());
        }
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            annotations.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        metadata.setAnnotations(annotations);
    }

    /** The Bitnami master with the metrics sidecar the chart adds with metrics.enabled. */
    static StatefulSet withExporter(StatefulSet sts, String image) {
        Container exporter = new Container();
        exporter.setName("metrics");
        exporter.setImage(image);
        List<Container> containers = new ArrayList<>(sts.getSpec().getTemplate().getSpec().getContainers());
        containers.add(exporter);
        sts.getSpec().getTemplate().getSpec().setContainers(containers);
        return sts;
    }

    /** A non-Redis workload: the Bitnami master's shape with a PostgreSQL image in a postgresql container. */
    static StatefulSet postgres(String image) {
        StatefulSet sts = master(REDIS_19);
        sts.getMetadata().setName("mastodon-postgresql");
        Container container = container(sts, "redis");
        container.setName("postgresql");
        container.setImage(image);
        return sts;
    }

    static Container container(StatefulSet sts, String name) {
        return sts.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no container " + name + " in " + sts.getMetadata().getName()));
    }

    static String imageOf(StatefulSet sts, String name) {
        return container(sts, name).getImage();
    }

    // --- reading the response ---

    private JsonNode send(Reviews review) {
        String body = given().contentType("application/json").body(review.json())
                .when().post(validate)
                .then().statusCode(200).extract().asString();
        try {
            return JSON.readTree(body).path("response");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "check-id container" of every denial line of a message. */
    private static Set<String> denials(String message) {
        Set<String> denials = new TreeSet<>();
        Matcher matcher = DENIAL_LINE.matcher(message);
        while (matcher.find()) {
            denials.add(matcher.group(1) + " " + matcher.group(2));
        }
        return denials;
    }

    private static String lineOf(String message, String checkId) {
        return message.lines().filter(l -> l.startsWith("- [" + checkId + "]")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + checkId + " denial in: " + message));
    }

    /** The warnings of the format checks; probe-depth advice on the Bitnami probes is another test's concern. */
    private static List<String> formatWarnings(JsonNode response) {
        List<String> warnings = new ArrayList<>();
        response.path("warnings").forEach(w -> {
            if (w.asText().contains("[rdb-")) {
                warnings.add(w.asText());
            }
        });
        return warnings;
    }
}
