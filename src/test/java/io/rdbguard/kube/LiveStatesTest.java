package io.rdbguard.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateStatefulSetStrategyBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.rdbguard.core.workload.LiveLookup;
import io.rdbguard.core.workload.LiveState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** When rdb-guard reads the cluster for a StatefulSet change, and which pods and claims it counts as adopted. */
class LiveStatesTest {

    static StatefulSet cache(String image, int partition, String currentRevision, String updateRevision) {
        return new StatefulSetBuilder().withNewMetadata().withName("cache").withNamespace("shop").endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", "cache").endSelector()
                .withNewUpdateStrategy().withRollingUpdate(new RollingUpdateStatefulSetStrategyBuilder()
                        .withPartition(partition).build()).endUpdateStrategy()
                .withNewTemplate().withNewSpec().addNewContainer().withName("redis").withImage(image).endContainer()
                .endSpec().endTemplate()
                .addNewVolumeClaimTemplate().withNewMetadata().withName("data").endMetadata().endVolumeClaimTemplate()
                .endSpec()
                .withStatus(new StatefulSetStatusBuilder().withCurrentRevision(currentRevision)
                        .withUpdateRevision(updateRevision).build())
                .build();
    }

    static StatefulSet settled(String image, int partition) {
        return cache(image, partition, "r1", "r1");
    }

    static StatefulSet annotated(StatefulSet statefulSet) {
        statefulSet.getMetadata().setAnnotations(Map.of("rdb-guard.io/backup", "s3://b/cache"));
        return statefulSet;
    }

    /** A fake API that records what was read and answers with {@code pods} and the claims named in {@code claims}. */
    static final class Api implements LiveObjects {
        final List<String> reads = new ArrayList<>();
        final List<Pod> pods;
        final List<String> claims;

        Api(List<Pod> pods, List<String> claims) {
            this.pods = pods;
            this.claims = claims;
        }

        @Override
        public Optional<HasMetadata> get(Class<? extends HasMetadata> type, String namespace, String name) {
            reads.add(type.getSimpleName() + " " + name);
            return claims.contains(name) ? Optional.of(new PersistentVolumeClaimBuilder().withNewMetadata().withName(name)
                    .endMetadata().build()) : Optional.empty();
        }

        @Override
        public List<Pod> pods(String namespace, LabelSelector selector, int limit) {
            reads.add("pods " + namespace + " " + selector.getMatchLabels());
            return pods;
        }
    }

    static LiveStates reader(LiveObjects api, OnLookupFailure onFailure, boolean enabled) {
        return new LiveStates(api, Runnable::run, Duration.ofSeconds(1), onFailure, enabled);
    }

    static Pod pod(String name, String image, String controllerKind, String controllerName) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).addToLabels("controller-revision-hash", "r1")
                .endMetadata().withNewSpec().addNewContainer().withName("redis").withImage(image).endContainer().endSpec();
        if (controllerKind != null) {
            pod.editMetadata().addToOwnerReferences(new OwnerReferenceBuilder().withKind(controllerKind)
                    .withName(controllerName).withController(true).build()).endMetadata();
        }
        return pod.build();
    }

    static Stream<Arguments> updates() {
        return Stream.of(
                Arguments.of("a template change of a fully rolled-out StatefulSet reads nothing",
                        settled("redis:7.2.5", 0), settled("redis:7.4.1", 0), false),
                Arguments.of("a metadata-only change of a partitioned StatefulSet reads nothing",
                        settled("redis:7.2.5", 2), annotated(settled("redis:7.2.5", 2)), false),
                Arguments.of("a template change of a partitioned StatefulSet reads the pods",
                        settled("redis:7.4.1", 2), settled("redis:7.2.5", 2), true),
                Arguments.of("lowering the partition reads the pods",
                        settled("redis:7.4.1", 2), settled("redis:7.4.1", 0), true),
                Arguments.of("setting a partition on a settled StatefulSet reads the pods",
                        settled("redis:7.2.5", 0), settled("redis:7.4.1", 3), true),
                Arguments.of("a template change during an unfinished rollout reads the pods",
                        cache("redis:7.2.5", 0, "r1", "r2"), cache("redis:7.4.1", 0, "r1", "r2"), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updates")
    void an_update_reads_the_pods_only_where_the_template_is_not_the_truth(String sentence, StatefulSet before,
                                                                          StatefulSet after, boolean reads) {
        Api api = new Api(List.of(), List.of());

        LiveLookup lookup = reader(api, OnLookupFailure.ALLOW, true).lookupFor(after, before, System.nanoTime() + 1_000_000_000L);
        lookup.state();

        assertEquals(reads, !api.reads.isEmpty(), sentence + ": " + api.reads);
        assertTrue(api.reads.stream().noneMatch(read -> read.startsWith("PersistentVolumeClaim")), api.reads::toString);
    }

    @Test
    void a_create_adopts_the_orphaned_pods_named_after_it_and_finds_the_claims_of_each_ordinal() {
        Api api = new Api(List.of(pod("cache-0", "redis:7.2.5", null, null),
                pod("cache-1", "redis:7.2.5", "StatefulSet", "cache"),
                pod("cache-2", "redis:7.2.5", "ReplicaSet", "web-5d8f"),
                pod("cache-web", "redis:7.2.5", null, null)), List.of("data-cache-1"));

        LiveState state = reader(api, OnLookupFailure.ALLOW, true)
                .lookupFor(settled("redis:7.4.1", 0), null, System.nanoTime() + 1_000_000_000L).state();

        assertEquals(List.of("cache-0", "cache-1"), state.pods().stream().map(LiveState.Pod::name).toList());
        assertEquals(List.of(new LiveState.Claim("data-cache-1", 1)), state.claims());
        assertEquals(List.of("pods shop {app=cache}", "PersistentVolumeClaim data-cache-0", "PersistentVolumeClaim data-cache-1"),
                api.reads);
    }

    @Test
    void a_read_that_fails_follows_the_policy_and_says_why() {
        LiveObjects down = new LiveObjects() {
            @Override
            public Optional<HasMetadata> get(Class<? extends HasMetadata> type, String namespace, String name) {
                return Optional.empty();
            }

            @Override
            public List<Pod> pods(String namespace, LabelSelector selector, int limit) throws LookupException {
                throw new LookupException("listing pods in shop failed (HTTP 403)");
            }
        };

        LiveState denied = reader(down, OnLookupFailure.DENY, true)
                .lookupFor(settled("redis:7.4.1", 0), null, System.nanoTime() + 1_000_000_000L).state();
        LiveState allowed = reader(down, OnLookupFailure.ALLOW, true)
                .lookupFor(settled("redis:7.4.1", 0), null, System.nanoTime() + 1_000_000_000L).state();

        assertEquals(LiveState.unread("listing pods in shop failed (HTTP 403)", true), denied);
        assertEquals(LiveState.unread("listing pods in shop failed (HTTP 403)", false), allowed);
    }

    @Test
    void with_reads_of_the_live_state_off_nothing_is_read() {
        Api api = new Api(List.of(), List.of());

        assertSame(LiveLookup.NONE, reader(api, OnLookupFailure.ALLOW, false)
                .lookupFor(settled("redis:7.4.1", 0), null, System.nanoTime()));
        assertFalse(api.reads.iterator().hasNext());
    }
}
