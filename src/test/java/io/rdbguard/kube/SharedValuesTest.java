package io.rdbguard.kube;

import static io.rdbguard.kube.AdmissionReviewsTest.FIXTURES;
import static io.rdbguard.kube.AdmissionReviewsTest.JSON;
import static io.rdbguard.kube.AdmissionReviewsTest.KUBE_APISERVER_ORDER;
import static io.rdbguard.kube.AdmissionReviewsTest.inOrder;
import static io.rdbguard.kube.AdmissionReviewsTest.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rdbguard.testing.Fixtures;
import io.rdbguard.testing.JsonMutator;
import io.rdbguard.testing.Reviews;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An UPDATE's old object shares the parts that are byte for byte its new object's, at the same place
 * ({@link SharedValues}): the objects read must be the ones read when nothing is shared, whatever the update changed.
 * Nothing is shared when the old object comes first in the body, which makes that order the reference.
 */
class SharedValuesTest {

    /** kube-apiserver's order with oldObject before object: the old object is read with nothing to share. */
    static final List<String> OLD_OBJECT_FIRST = swapped(KUBE_APISERVER_ORDER, "object", "oldObject");

    static final List<Update> CHANGES = List.of(
            new Update("the image bumped", sts -> redis(sts).setImage(redis(sts).getImage() + "-r1")),
            new Update("scaled", sts -> sts.getSpec().setReplicas(7)),
            new Update("a template annotation added", sts -> sts.getSpec().getTemplate().getMetadata()
                    .setAnnotations(Map.of("kubectl.kubernetes.io/restartedAt", "2026-12-01T05:00:00Z"))),
            new Update("a variable added", sts -> redis(sts).getEnv().add(0, new EnvVar("ADDED", "1", null))),
            new Update("a container added", sts -> sts.getSpec().getTemplate().getSpec().getContainers()
                    .add(new ContainerBuilder().withName("metrics").withImage("exporter:1").build())),
            new Update("the containers reversed", sts -> Collections.reverse(sts.getSpec().getTemplate().getSpec().getContainers())),
            new Update("nothing changed", sts -> {
            }));

    record Update(String name, Consumer<StatefulSet> change) {
        String review(StatefulSet before) {
            StatefulSet after = copy(before);
            change.accept(after);
            after.getStatus().setUpdateRevision("r-3");
            return Reviews.update(before, after).uid("u-1").json();
        }
    }

    static Stream<Arguments> updates() {
        return FIXTURES.stream().flatMap(fixture -> Fixtures.objects(fixture).stream())
                .filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast)
                .flatMap(sts -> CHANGES.stream().map(update -> {
                    StatefulSet before = copy(sts);
                    before.setStatus(new StatefulSetStatusBuilder().withReplicas(3).withCurrentRevision("r-1")
                            .withUpdateRevision("r-2").build());
                    return Arguments.of(sts.getMetadata().getName() + ", " + update.name(), update.review(before));
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updates")
    void an_update_reads_the_objects_it_reads_when_nothing_is_shared(String name, String review) throws Exception {
        for (String body : List.of(review, pretty(review))) {
            ReviewRequest shared = read(inOrder(body, KUBE_APISERVER_ORDER));
            ReviewRequest unshared = read(inOrder(body, OLD_OBJECT_FIRST));

            assertEquals(unshared.object(), shared.object());
            assertEquals(unshared.oldObject(), shared.oldObject());
        }
    }

    /**
     * Old objects a few mutations away from their new one (a field deleted, nulled, emptied, of another type, nested
     * deep, an element duplicated, ...): near misses are where sharing could go wrong. Read either way, a review gives
     * the same objects, or is refused either way.
     */
    @Test
    void an_update_whose_old_object_is_mutated_reads_the_same_whether_or_not_parts_are_shared() throws Exception {
        List<String> reviews = updates().map(arguments -> (String) arguments.get()[1]).toList();
        Random random = new Random(0x5EED_2026_1201L);
        int refused = 0;
        for (int i = 0; i < 500; i++) {
            ObjectNode review = (ObjectNode) JSON.readTree(reviews.get(random.nextInt(reviews.size())));
            for (int mutations = 1 + random.nextInt(3); mutations > 0; mutations--) {
                JsonMutator.mutate(review.path("request").path("oldObject"), random.nextLong());
            }
            Object shared = outcome(JsonMutator.render(inOrder(review, KUBE_APISERVER_ORDER)));
            Object unshared = outcome(JsonMutator.render(inOrder(review, OLD_OBJECT_FIRST)));

            assertEquals(unshared, shared, "case " + i);
            refused += shared == REFUSED ? 1 : 0;
        }
        assertTrue(refused > 50 && refused < 450, "both outcomes are exercised: " + refused + " of 500 refused");
    }

    private static final Object REFUSED = "refused";

    /** Both objects read, or that the review was refused. */
    private static Object outcome(String body) {
        try {
            ReviewRequest read = read(body);
            return Arrays.asList(read.object(), read.oldObject());
        } catch (BadReviewException e) {
            return REFUSED;
        }
    }

    @Test
    void an_image_bump_shares_what_it_left_as_it_was_and_reads_what_it_changed() throws Exception {
        StatefulSet before = AdmissionReviewsTest.master("docker.io/bitnami/redis:7.2.5-debian-12-r4");
        StatefulSet after = AdmissionReviewsTest.master("docker.io/bitnami/redis:7.2.5-debian-12-r5");

        ReviewRequest read = read(inOrder(Reviews.update(before, after).uid("u-1").json(), KUBE_APISERVER_ORDER));

        var oldTemplate = ((StatefulSet) read.oldObject()).getSpec().getTemplate();
        var newTemplate = ((StatefulSet) read.object()).getSpec().getTemplate();
        assertSame(newTemplate.getMetadata(), oldTemplate.getMetadata());
        assertSame(redis(read.object()).getLivenessProbe(), redis(read.oldObject()).getLivenessProbe());
        assertSame(redis(read.object()).getEnv(), redis(read.oldObject()).getEnv());
        assertNotSame(newTemplate.getSpec(), oldTemplate.getSpec());
        assertEquals("docker.io/bitnami/redis:7.2.5-debian-12-r4", redis(read.oldObject()).getImage());
    }

    @Test
    void a_syntax_error_after_shared_parts_is_placed_where_jackson_places_it() throws Exception {
        StatefulSet before = AdmissionReviewsTest.master("docker.io/bitnami/redis:7.2.5-debian-12-r4");
        StatefulSet after = AdmissionReviewsTest.master("docker.io/bitnami/redis:7.2.5-debian-12-r5");
        String body = pretty(inOrder(Reviews.update(before, after).uid("u-1").dryRun().json(), KUBE_APISERVER_ORDER));
        // dryRun comes after oldObject; its bad token is refused as not JSON, with where it is.
        String broken = body.replace("\"dryRun\" : true", "\"dryRun\" : tru");
        JsonLocation expected = assertThrows(JsonProcessingException.class, () -> JSON.readTree(broken)).getLocation();

        BadReviewException refused = assertThrows(BadReviewException.class, () -> read(broken));

        assertNotEquals(1, expected.getLineNr(), "the body spans lines, so that jumping over shared parts must count them");
        assertEquals("the request body is not valid JSON (line " + expected.getLineNr() + ", column "
                + expected.getColumnNr() + ")", refused.getMessage().substring(0, refused.getMessage().indexOf(':')));
    }

    private static Container redis(Object statefulSet) {
        return ((StatefulSet) statefulSet).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static StatefulSet copy(StatefulSet sts) {
        return JSON.convertValue(sts, StatefulSet.class);
    }

    private static String pretty(String json) throws Exception {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
    }

    private static List<String> swapped(List<String> order, String one, String other) {
        List<String> swapped = new ArrayList<>(order);
        Collections.swap(swapped, swapped.indexOf(one), swapped.indexOf(other));
        return List.copyOf(swapped);
    }
}
