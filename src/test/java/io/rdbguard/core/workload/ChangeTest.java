package io.rdbguard.core.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChangeTest {

    static final Probe TCP = new Probe(new Probe.TcpSocket("redis"), 0, 10, 1, 3);
    static final Container REDIS = new Container("redis", "redis:7.2.4", false, List.of(), TCP, null, null);
    static final Workload BEFORE = new Workload("StatefulSet", "shop", "cache", Map.of("app", "cache"),
            Map.of("team", "payments"), new Workload.PodTemplate(Map.of("checksum/config", "a"), List.of(), List.of(REDIS)));

    static Stream<Arguments> updates() {
        return Stream.of(
                Arguments.of("kubectl annotate on the object", (UnaryOperator<Workload>) w -> w.withAnnotations(
                        Map.of("team", "payments", "rdb-guard.io/backup", "s3://b"), w.template().annotations()), true),
                Arguments.of("a new label", (UnaryOperator<Workload>) w -> new Workload(w.kind(), w.namespace(), w.name(),
                        Map.of("app", "cache", "tier", "data"), w.annotations(), w.template()), true),
                Arguments.of("nothing at all", UnaryOperator.<Workload>identity(), true),
                Arguments.of("a pod template annotation (the pods restart)", (UnaryOperator<Workload>) w -> w.withAnnotations(
                        w.annotations(), Map.of("checksum/config", "b")), false),
                Arguments.of("an image", (UnaryOperator<Workload>) w -> w.withImages(Map.of("redis", "redis:7.2.5")), false),
                Arguments.of("a probe", (UnaryOperator<Workload>) w -> new Workload(w.kind(), w.namespace(), w.name(), w.labels(),
                        w.annotations(), new Workload.PodTemplate(w.template().annotations(), List.of(), List.of(
                                new Container("redis", "redis:7.2.4", false, List.of(), TCP, TCP, null)))), false));
    }

    @ParameterizedTest(name = "an UPDATE that changes {0} leaves the pod template unchanged: {2}")
    @MethodSource("updates")
    void only_an_update_that_leaves_the_pod_template_as_it_was_is_metadata_only(String name, UnaryOperator<Workload> edit,
                                                                               boolean unchanged) {
        Change change = new Change("uid", Operation.UPDATE, edit.apply(BEFORE), BEFORE, Requester.UNKNOWN, false);

        assertEquals(unchanged, change.podTemplateUnchanged());
    }

    @Test
    void a_partition_change_that_moves_pods_to_the_same_template_is_not_metadata_only() {
        Change lowered = new Change("uid", Operation.UPDATE, BEFORE, BEFORE, Requester.UNKNOWN, false)
                .withLive(new LiveLookup(() -> LiveState.NOT_LOOKED_UP));

        assertFalse(lowered.podTemplateUnchanged(), "kube.LiveStates attaches a lookup only when the partition or template moves pods");
    }

    @Test
    void a_create_never_leaves_a_pod_template_unchanged() {
        assertFalse(new Change("uid", Operation.CREATE, BEFORE, null, Requester.UNKNOWN, false).podTemplateUnchanged());
    }
}
