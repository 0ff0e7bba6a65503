package io.rdbguard.cli;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rdbguard.core.engine.Judge;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.LiveLookup;
import io.rdbguard.core.workload.LiveState;
import io.rdbguard.core.workload.Workload;
import io.rdbguard.helm.ReleasePreflight;
import io.rdbguard.kube.Changes;
import io.rdbguard.kube.ClusterObjects;
import io.rdbguard.kube.LiveObjects;
import io.rdbguard.kube.LiveStates;
import io.rdbguard.kube.Location;
import io.rdbguard.kube.WorkloadMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Audits the StatefulSets of a running cluster: each one's current template as a CREATE, and for each one that is
 * part-way through a rollout, the template its old pods still run → its new template as an UPDATE, so a format change
 * that is already half applied is found before the next pod restarts on it.
 */
final class ClusterAuditor {

    static final String REVISION_LABEL = LiveStates.REVISION_LABEL;
    static final long PAGE_SIZE = 100;

    private final KubernetesClient client;
    private final Judge judge;
    private final Location location;

    ClusterAuditor(KubernetesClient client, Judge judge, String clusterName) {
        this.client = client;
        this.judge = judge;
        this.location = Location.whole(clusterName);
    }

    /** Every StatefulSet in {@code namespace} (all namespaces when null), one API page at a time. */
    List<StatefulSet> statefulSets(String namespace) {
        List<StatefulSet> all = new ArrayList<>();
        String next = null;
        do {
            var options = new ListOptionsBuilder().withLimit(PAGE_SIZE).withContinue(next).build();
            var statefulSets = client.apps().statefulSets();
            StatefulSetList page = namespace == null ? statefulSets.inAnyNamespace().list(options)
                    : statefulSets.inNamespace(namespace).list(options);
            all.addAll(page.getItems());
            next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
        } while (next != null && !next.isEmpty());
        return all;
    }

    /**
     * The pending Helm release records in {@code namespace} (all when null): Secrets and ConfigMaps labelled owner=helm
     * whose status label Helm set to pending-install, pending-upgrade or pending-rollback.
     */
    List<HasMetadata> pendingReleases(String namespace) {
        List<HasMetadata> records = new ArrayList<>();
        var secrets = client.secrets();
        var configMaps = client.configMaps();
        records.addAll((namespace == null ? secrets.inAnyNamespace() : secrets.inNamespace(namespace))
                .withLabel("owner", "helm").list().getItems());
        records.addAll((namespace == null ? configMaps.inAnyNamespace() : configMaps.inNamespace(namespace))
                .withLabel("owner", "helm").list().getItems());
        return records.stream().filter(ReleasePreflight::isReleaseRecord)
                .filter(record -> record.getMetadata().getLabels().getOrDefault("status", "").startsWith("pending-"))
                .toList();
    }

    Evaluation audit(StatefulSet statefulSet) throws LiveObjects.LookupException {
        Workload workload = WorkloadMapper.toWorkload(statefulSet).orElseThrow();
        var status = statefulSet.getStatus();
        String current = status == null ? null : status.getCurrentRevision();
        String update = status == null ? null : status.getUpdateRevision();
        if (current == null || update == null || current.equals(update)) {
            return new Evaluation(location, null, judge.judge(Changes.offline(location.describe(), workload, null)), List.of());
        }
        List<Pod> pods = pods(statefulSet);
        Map<String, List<Pod>> byRevision = pods.stream()
                .filter(pod -> pod.getMetadata().getLabels() != null && pod.getMetadata().getLabels().get(REVISION_LABEL) != null)
                .collect(Collectors.groupingBy(pod -> pod.getMetadata().getLabels().get(REVISION_LABEL)));
        List<Pod> oldPods = byRevision.getOrDefault(current, List.of());
        List<Pod> newPods = byRevision.getOrDefault(update, List.of());
        List<String> notes = new ArrayList<>();
        notes.add("rollout in progress: revision " + current + " → " + update);
        notes.add("on the old revision " + current + ": " + describe(oldPods));
        notes.add("on the new revision " + update + ": " + describe(newPods));
        if (oldPods.isEmpty()) {
            notes.add("no pod runs the old revision any more; judged as it stands");
            return new Evaluation(location, null, judge.judge(Changes.offline(location.describe(), workload, null)), notes);
        }
        // The template judged against what its pods run, as the webhook judges a half-rolled-out StatefulSet.
        LiveState running = LiveState.read(LiveStates.adoptable(pods, statefulSet.getMetadata().getName()), List.of());
        Change change = Changes.offline(location.describe(), workload, workload).withLive(new LiveLookup(() -> running));
        return new Evaluation(location, null, judge.judge(change), notes);
    }

    /** The StatefulSet's pods, read as the webhook reads them (at most {@link LiveStates#MAX_PODS}). */
    private List<Pod> pods(StatefulSet statefulSet) throws LiveObjects.LookupException {
        var selector = statefulSet.getSpec() == null ? null : statefulSet.getSpec().getSelector();
        if (selector == null) {
            return List.of();
        }
        String prefix = statefulSet.getMetadata().getName() + "-";
        return new ClusterObjects(client).pods(statefulSet.getMetadata().getNamespace(), selector, LiveStates.MAX_PODS)
                .stream().filter(pod -> pod.getMetadata().getName().startsWith(prefix)).toList();
    }

    /** "mastodon-redis-master-2 (redis=docker.io/bitnami/redis:7.2.5-debian-12-r4 @ sha256:…)". */
    private static String describe(List<Pod> pods) {
        if (pods.isEmpty()) {
            return "no pods";
        }
        return pods.stream().map(pod -> pod.getMetadata().getName() + " (" + images(pod) + ")").collect(Collectors.joining(", "));
    }

    private static String images(Pod pod) {
        Map<String, String> imageIds = new HashMap<>();
        if (pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null) {
            for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
                if (status.getImageID() != null && !status.getImageID().isEmpty()) {
                    imageIds.put(status.getName(), status.getImageID());
                }
            }
        }
        if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
            return "no containers";
        }
        return pod.getSpec().getContainers().stream()
                .map(c -> c.getName() + "=" + c.getImage() + (imageIds.containsKey(c.getName()) ? " @ " + digestOf(imageIds.get(c.getName())) : ""))
                .collect(Collectors.joining(", "));
    }

    /** The digest part of an image ID ("docker-pullable://redis@sha256:…" → "sha256:…"), which names what actually runs. */
    private static String digestOf(String imageId) {
        int at = imageId.lastIndexOf('@');
        return at < 0 ? imageId : imageId.substring(at + 1);
    }
}
