package io.rdbguard.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.rdbguard.core.workload.Change;
import io.rdbguard.helm.ReleasePreflight;
import io.rdbguard.testing.Fixtures;
import io.rdbguard.testing.ReleaseRecords;
import io.rdbguard.testing.Reviews;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The review reader reads only what is judged, and judges a review the same whatever the order of its fields and
 * whether it carries managedFields. (Reviews built by {@link Reviews} come in fabric8's alphabetical order, object
 * before operation; kube-apiserver's order, operation first, is {@link #KUBE_APISERVER_ORDER}.)
 */
class AdmissionReviewsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final AdmissionReviews READER = new AdmissionReviews(
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false), ReleasePreflight::isReleaseRecord);
    /** The order kube-apiserver writes a request in. */
    static final List<String> KUBE_APISERVER_ORDER = List.of("uid", "kind", "resource", "requestKind", "requestResource", "name",
            "namespace", "operation", "userInfo", "object", "oldObject", "dryRun", "options");

    static StatefulSet master(String image) {
        StatefulSet master = Fixtures.statefulSet("bitnami-redis/redis-19.6.4-replication.yaml", "mastodon-redis-master");
        master.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
        return master;
    }

    static final List<String> FIXTURES = List.of("bitnami-redis/redis-17.17.1-replication.yaml",
            "bitnami-redis/redis-17.17.1-standalone.yaml", "bitnami-redis/redis-18.19.4-replication.yaml",
            "bitnami-redis/redis-18.19.4-standalone.yaml", "bitnami-redis/redis-19.6.4-replication.yaml",
            "bitnami-redis/redis-19.6.4-sentinel.yaml", "bitnami-redis/redis-19.6.4-standalone.yaml",
            "bitnami-redis/redis-20.13.4-replication.yaml", "bitnami-redis/redis-20.13.4-standalone.yaml",
            "bitnami-redis/redis-23.1.1-replication.yaml", "bitnami-redis/redis-23.1.1-sentinel.yaml",
            "bitnami-redis/redis-23.1.1-standalone.yaml", "bitnami-valkey/valkey-1.0.3-replication.yaml",
            "bitnami-valkey/valkey-3.0.31-replication.yaml");

    static final String ONE_WAY_UPDATE = Reviews.update(master("docker.io/bitnami/redis:7.2.5-debian-12-r4"),
            master("docker.io/bitnami/redis:7.4.0-debian-12-r0")).uid("u-1").json();

    static Stream<Arguments> orders() {
        List<String> objectsFirst = new ArrayList<>(List.of("object", "oldObject"));
        objectsFirst.addAll(KUBE_APISERVER_ORDER);
        List<String> kindLast = new ArrayList<>(KUBE_APISERVER_ORDER);
        kindLast.remove("kind");
        kindLast.add("kind");
        return Stream.of(
                Arguments.of("objects first", objectsFirst),
                Arguments.of("kind last", kindLast),
                Arguments.of("operation after the objects (fabric8's order)", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orders")
    void a_review_whose_objects_come_before_its_kind_or_operation_is_judged_the_same(String order, List<String> fields)
            throws Exception {
        Change asKubeApiserverSends = change(inOrder(ONE_WAY_UPDATE, KUBE_APISERVER_ORDER));

        assertEquals(asKubeApiserverSends, change(inOrder(ONE_WAY_UPDATE, fields)));
        assertEquals("docker.io/bitnami/redis:7.2.5-debian-12-r4", asKubeApiserverSends.previous().template().containers().get(0).image());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orders")
    void a_null_container_is_refused_naming_it_whatever_the_order(String order, List<String> fields) throws Exception {
        String nullContainer = ONE_WAY_UPDATE.replaceFirst("\"containers\":\\[", "\"containers\":[null,");

        BadReviewException refused = assertThrows(BadReviewException.class, () -> read(inOrder(nullContainer, fields)));

        assertEquals("request.object.spec.template.spec.containers[0] is null; remove it", refused.getMessage());
    }

    @Test
    void managed_fields_change_nothing_and_are_not_kept() throws Exception {
        ObjectNode review = (ObjectNode) JSON.readTree(ONE_WAY_UPDATE);
        for (String side : List.of("object", "oldObject")) {
            ((ObjectNode) review.path("request").path(side).path("metadata")).putArray("managedFields").addObject()
                    .put("manager", "helm").put("operation", "Update").put("apiVersion", "apps/v1")
                    .put("time", "2026-11-30T12:00:00Z").put("fieldsType", "FieldsV1")
                    .putObject("fieldsV1").putObject("f:spec").putObject("f:template").putObject("f:spec")
                    .putObject("f:containers").putObject("k:{\"name\":\"redis\"}").putObject("f:image");
        }
        String withManagedFields = JSON.writeValueAsString(review);

        ReviewRequest read = read(withManagedFields);

        assertEquals(change(ONE_WAY_UPDATE), Changes.fromAdmission(read).orElseThrow());
        assertTrue(read.object().getMetadata().getManagedFields().isEmpty(), "managedFields are skipped, not read");
    }

    @Test
    void what_the_reader_skips_is_nothing_a_check_reads() {
        Change change = change(ONE_WAY_UPDATE);

        assertEquals(WorkloadMapper.toWorkload(master("docker.io/bitnami/redis:7.4.0-debian-12-r0")).orElseThrow(), change.workload());
        assertEquals(WorkloadMapper.toWorkload(master("docker.io/bitnami/redis:7.2.5-debian-12-r4")).orElseThrow(), change.previous());
    }

    /**
     * Every object of a judged kind in the fixtures; one StatefulSet with every kind of probe, variable source and
     * volume; its template in a Helm-managed Deployment and DaemonSet (with a status), and in a ReplicaSet a Deployment
     * controls (not judged: the reader must keep its owner references to tell).
     */
    static Stream<Arguments> judgedObjects() {
        Stream<HasMetadata> rendered = FIXTURES.stream().flatMap(fixture -> Fixtures.objects(fixture).stream())
                .filter(object -> JudgedKind.of(object).isPresent());
        StatefulSet every = everySource();
        var template = every.getSpec().getTemplate();
        var helm = every.getMetadata().getLabels();
        Stream<HasMetadata> otherKinds = Stream.of(
                new DeploymentBuilder().withNewMetadata().withName("every-source").withLabels(helm).endMetadata()
                        .withNewSpec().withReplicas(2).withTemplate(template).endSpec()
                        .withNewStatus().withReplicas(2).withReadyReplicas(1).endStatus().build(),
                new DaemonSetBuilder().withNewMetadata().withName("every-source").withLabels(helm).endMetadata()
                        .withNewSpec().withTemplate(template).endSpec()
                        .withNewStatus().withNumberReady(1).endStatus().build(),
                new ReplicaSetBuilder().withNewMetadata().withName("every-source-5d8c9f").withLabels(helm)
                        .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment").withName("every-source")
                        .withUid("u").withController(true).endOwnerReference().endMetadata()
                        .withNewSpec().withTemplate(template).endSpec().build());
        return Stream.of(rendered, Stream.of(every), otherKinds).flatMap(kinds -> kinds).map(object -> {
            if (object instanceof StatefulSet sts) {
                sts.setStatus(new StatefulSetStatusBuilder().withReplicas(3).withReadyReplicas(2).withCurrentRevision("r-1")
                        .withUpdateRevision("r-2").withObservedGeneration(4L).build());
            }
            return Arguments.of(object.getKind() + " " + object.getMetadata().getName(), object);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("judgedObjects")
    void the_reader_keeps_every_field_a_check_or_a_live_read_uses(String name, HasMetadata whole) {
        ReviewRequest read = read(Reviews.update(whole, whole).kind("apps", "v1", whole.getKind(),
                whole.getKind().toLowerCase(Locale.ROOT) + "s").uid("u-1").json());

        assertEquals(whole.getClass(), read.object().getClass());
        assertEquals(WorkloadMapper.toWorkload(whole), WorkloadMapper.toWorkload(read.object()));
        assertEquals(WorkloadMapper.toWorkload(whole), WorkloadMapper.toWorkload(read.oldObject()));
        if (whole instanceof StatefulSet sts) {
            assertEquals(whatLiveStatesRead(sts), whatLiveStatesRead((StatefulSet) read.object()));
        }
    }

    @Test
    void the_reader_binds_none_of_the_fields_no_check_reads() {
        StatefulSet master = master("docker.io/bitnami/redis:7.2.5-debian-12-r4");

        StatefulSet read = (StatefulSet) read(Reviews.create(master).uid("u-1").json()).object();

        var container = read.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertNull(read.getSpec().getServiceName(), "spec.serviceName");
        assertNull(read.getSpec().getTemplate().getSpec().getServiceAccountName(), "spec.template.spec.serviceAccountName");
        assertNull(container.getResources(), "resources");
        assertNull(container.getImagePullPolicy(), "imagePullPolicy");
        assertTrue(container.getAdditionalProperties().isEmpty(), "skipped fields are not kept as unknown ones");
        assertNull(read.getSpec().getVolumeClaimTemplates().get(0).getSpec(), "a claim template's spec");
    }

    /** What LiveStates reads of a StatefulSet to decide whether, and what, to read of its pods and claims. */
    private static List<Object> whatLiveStatesRead(StatefulSet sts) {
        var spec = sts.getSpec();
        return Arrays.asList(sts.getMetadata().getName(), sts.getMetadata().getNamespace(), spec.getReplicas(),
                spec.getSelector(), spec.getUpdateStrategy(),
                spec.getVolumeClaimTemplates().stream().map(claim -> claim.getMetadata().getName()).toList(),
                sts.getStatus().getCurrentRevision(), sts.getStatus().getUpdateRevision());
    }

    /** A StatefulSet with each probe action, each source of a variable and several kinds of volume. */
    private static StatefulSet everySource() {
        return new StatefulSetBuilder().withNewMetadata().withName("every-source").withNamespace("cache")
                .addToLabels("app.kubernetes.io/managed-by", "Helm").addToAnnotations("a", "b").endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", "cache").endSelector()
                .withNewUpdateStrategy().withType("RollingUpdate").withNewRollingUpdate().withPartition(1).endRollingUpdate().endUpdateStrategy()
                .withNewTemplate().withNewMetadata().addToAnnotations("checksum/config", "abc").endMetadata().withNewSpec()
                .addNewInitContainer().withName("init").withImage("busybox:1.36").withCommand("sh", "-c", "true").endInitContainer()
                .addNewContainer().withName("redis").withImage("redis:7.2.5").withArgs("--port", "6380")
                .addNewPort().withName("redis").withContainerPort(6380).withProtocol("TCP").endPort()
                .addNewEnv().withName("LITERAL").withValue("1").endEnv()
                .addNewEnv().withName("FROM_SECRET").withNewValueFrom().withNewSecretKeyRef("password", "auth", false).endValueFrom().endEnv()
                .addNewEnv().withName("FROM_CONFIG").withNewValueFrom().withNewConfigMapKeyRef("k", "config", false).endValueFrom().endEnv()
                .addNewEnv().withName("FROM_FIELD").withNewValueFrom().withNewFieldRef("v1", "metadata.name").endValueFrom().endEnv()
                .addNewVolumeMount().withName("data").withMountPath("/data").withSubPath("x").endVolumeMount()
                .withNewReadinessProbe().withNewExec().withCommand("redis-cli", "ping").endExec().withPeriodSeconds(5).endReadinessProbe()
                .withNewLivenessProbe().withNewTcpSocket().withNewPort(6380).endTcpSocket().withFailureThreshold(2).endLivenessProbe()
                .withNewStartupProbe().withNewHttpGet().withPath("/ready").withNewPort("http").withScheme("HTTPS").endHttpGet()
                .withInitialDelaySeconds(3).withTimeoutSeconds(2).endStartupProbe()
                .endContainer()
                .addNewContainer().withName("sidecar").withImage("exporter:1")
                .withNewReadinessProbe().withNewGrpc().withPort(9000).withService("health").endGrpc().endReadinessProbe().endContainer()
                .addNewVolume().withName("auth").withNewSecret().withSecretName("auth").endSecret().endVolume()
                .addNewVolume().withName("config").withNewConfigMap().withName("config").endConfigMap().endVolume()
                .addNewVolume().withName("scratch").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("shared").withNewPersistentVolumeClaim().withClaimName("shared").endPersistentVolumeClaim().endVolume()
                .endSpec().endTemplate()
                .addNewVolumeClaimTemplate().withNewMetadata().withName("data").endMetadata().withNewSpec()
                .withAccessModes("ReadWriteOnce").endSpec().endVolumeClaimTemplate()
                .endSpec().build();
    }

    @Test
    void an_unjudged_kind_with_a_malformed_object_is_allowed_without_reading_it() throws Exception {
        ObjectNode review = (ObjectNode) JSON.readTree(Reviews.update(master("redis:7.2.5"), master("redis:7.2.5"))
                .kind("apps", "v1", "ControllerRevision", "controllerrevisions").json());
        ((ObjectNode) review.path("request")).putObject("object").put("metadata", 5).putArray("data").addNull();

        ReviewRequest read = read(JSON.writeValueAsString(review));

        assertNull(read.object());
        assertEquals(Optional.empty(), Changes.fromAdmission(read));
    }

    @Test
    void a_delete_is_allowed_without_reading_its_old_object() throws Exception {
        String delete = inOrder(ONE_WAY_UPDATE.replace("\"UPDATE\"", "\"DELETE\"")
                .replaceFirst("\"containers\":\\[", "\"containers\":[null,"), KUBE_APISERVER_ORDER);

        ReviewRequest read = read(delete);

        assertNull(read.oldObject());
        assertEquals(Optional.empty(), Changes.fromAdmission(read));
    }

    @Test
    void a_secret_that_is_not_a_release_record_is_never_kept() throws Exception {
        Secret password = new SecretBuilder().withNewMetadata().withName("mastodon-redis").withNamespace("mastodon")
                .withLabels(Map.of("owner", "platform")).endMetadata().withType("Opaque")
                .withData(Map.of("redis-password", "c2VjcmV0")).build();
        String review = Reviews.create(password).kind("", "v1", "Secret", "secrets").json();

        for (List<String> order : List.of(KUBE_APISERVER_ORDER, List.<String>of())) {
            assertNull(read(inOrder(review, order)).object(), "in the order " + order);
        }
    }

    @Test
    void a_release_record_is_read_whole_in_any_order() throws Exception {
        Secret record = ReleaseRecords.pendingUpgrade("mastodon", "mastodon", "mastodon",
                ReleaseRecords.statefulSet("mastodon", "mastodon-redis-master", "redis:7.4.0"));
        String review = Reviews.create(record).kind("", "v1", "Secret", "secrets").json();

        for (List<String> order : List.of(KUBE_APISERVER_ORDER, List.<String>of())) {
            Secret read = (Secret) read(inOrder(review, order)).object();
            assertNotNull(read, "in the order " + order);
            assertEquals(record.getData(), read.getData(), "in the order " + order);
        }
    }

    @Test
    void a_secret_labelled_owner_helm_whose_type_is_not_a_release_is_not_kept() throws Exception {
        Secret notRelease = new SecretBuilder().withNewMetadata().withName("x").withNamespace("mastodon")
                .withLabels(Map.of("owner", "helm")).endMetadata().withType("Opaque").withData(Map.of("k", "dg==")).build();

        assertNull(read(Reviews.create(notRelease).kind("", "v1", "Secret", "secrets").json()).object());
    }

    static ReviewRequest read(String review) {
        return READER.read("application/json", review.getBytes(StandardCharsets.UTF_8));
    }

    static Change change(String review) {
        return Changes.fromAdmission(read(review)).orElseThrow();
    }

    /** The review with its request's fields in {@code order} (the others after them); as it is for an empty order. */
    static String inOrder(String review, List<String> order) throws Exception {
        return JSON.writeValueAsString(inOrder((ObjectNode) JSON.readTree(review), order));
    }

    /** A copy of the review's tree with its request's fields in {@code order} (the others after them). */
    static ObjectNode inOrder(ObjectNode review, List<String> order) {
        ObjectNode tree = review.deepCopy();
        ObjectNode request = (ObjectNode) tree.get("request");
        ObjectNode ordered = JSON.createObjectNode();
        for (String field : order) {
            if (request.has(field)) {
                ordered.set(field, request.get(field));
            }
        }
        for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = request.fields(); it.hasNext(); ) {
            Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> field = it.next();
            if (!ordered.has(field.getKey())) {
                ordered.set(field.getKey(), field.getValue());
            }
        }
        tree.set("request", ordered);
        return tree;
    }
}
