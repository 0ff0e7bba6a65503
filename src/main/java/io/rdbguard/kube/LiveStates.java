package io.rdbguard.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.rdbguard.core.workload.LiveLookup;
import io.rdbguard.core.workload.LiveState;
import io.rdbguard.core.workload.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the live state of a StatefulSet where its template is not the truth (docs/live-state.md): on a CREATE the pods
 * and PersistentVolumeClaims it would adopt, on an UPDATE of a partitioned or half-rolled-out StatefulSet the pods. The
 * reads happen only when a check asks ({@link LiveLookup}), all within one deadline shared with the Helm pre-flight's
 * reads; when they fail or miss it, {@code onFailure} decides and the message says so.
 */
public final class LiveStates {

    /** The label the StatefulSet controller puts on each pod: the ControllerRevision the pod was made from. */
    public static final String REVISION_LABEL = "controller-revision-hash";
    /** Pods read per StatefulSet, and claims looked up per StatefulSet: a bound on what one review can read. */
    public static final int MAX_PODS = 250;
    static final int MAX_CLAIMS = 64;

    private final LiveObjects objects;
    private final Executor lookups;
    private final Duration deadline;
    private final OnLookupFailure onFailure;
    private final boolean enabled;

    /** {@code enabled} false: pods and claims are never read, every StatefulSet is judged by its templates. */
    public LiveStates(LiveObjects objects, Executor lookups, Duration deadline, OnLookupFailure onFailure, boolean enabled) {
        this.objects = objects;
        this.lookups = lookups;
        this.deadline = deadline;
        this.onFailure = onFailure;
        this.enabled = enabled;
    }

    public LiveObjects objects() {
        return objects;
    }

    public OnLookupFailure onFailure() {
        return onFailure;
    }

    /** The deadline of a review that starts now, as {@link System#nanoTime()}. */
    public long deadlineFromNow() {
        return System.nanoTime() + deadline.toNanos();
    }

    /**
     * The live state of a StatefulSet change ({@code before} null for a CREATE), read by {@code deadlineNanos} when a
     * check asks for it; {@link LiveLookup#NONE} when the template is the truth or the object is no StatefulSet.
     */
    public LiveLookup lookupFor(HasMetadata object, HasMetadata before, long deadlineNanos) {
        if (!enabled || !(object instanceof StatefulSet now) || now.getSpec() == null || now.getMetadata() == null
                || now.getMetadata().getName() == null || now.getMetadata().getNamespace() == null) {
            return LiveLookup.NONE;
        }
        if (before == null) {
            return new LiveLookup(() -> read(now, true, deadlineNanos));
        }
        if (before instanceof StatefulSet old && old.getSpec() != null && podsMayDifferFromTemplate(old, now)) {
            return new LiveLookup(() -> read(now, false, deadlineNanos));
        }
        return LiveLookup.NONE;
    }

    /**
     * Whether the pods may run something else than the old template, in a way this change can move: a partition (old or
     * new) or an unfinished rollout, and a changed template or partition. A metadata-only UPDATE reads nothing.
     */
    static boolean podsMayDifferFromTemplate(StatefulSet old, StatefulSet now) {
        int oldPartition = partition(old.getSpec());
        int newPartition = partition(now.getSpec());
        var status = old.getStatus();
        boolean unfinished = status != null && status.getCurrentRevision() != null && status.getUpdateRevision() != null
                && !status.getCurrentRevision().equals(status.getUpdateRevision());
        if (oldPartition == 0 && newPartition == 0 && !unfinished) {
            return false; // the common case, decided without mapping both templates on every review
        }
        // The templates as judged, not fabric8's equals: that parses quantities and throws on a malformed one.
        return oldPartition != newPartition || !WorkloadMapper.toWorkload(old).map(Workload::template)
                .equals(WorkloadMapper.toWorkload(now).map(Workload::template));
    }

    private static int partition(StatefulSetSpec spec) {
        var strategy = spec.getUpdateStrategy();
        Integer partition = strategy == null || strategy.getRollingUpdate() == null ? null
                : strategy.getRollingUpdate().getPartition();
        return partition == null ? 0 : partition;
    }

    private LiveState read(StatefulSet statefulSet, boolean withClaims, long deadlineNanos) {
        String namespace = statefulSet.getMetadata().getNamespace();
        String name = statefulSet.getMetadata().getName();
        var selector = statefulSet.getSpec().getSelector();
        CompletableFuture<List<Pod>> pods = selector == null ? CompletableFuture.completedFuture(List.of())
                : async(() -> objects.pods(namespace, selector, MAX_PODS));
        List<CompletableFuture<Optional<HasMetadata>>> claims = withClaims
                ? claimNames(statefulSet).stream().map(claim -> async(() -> objects.get(PersistentVolumeClaim.class,
                        namespace, claim))).toList()
                : List.of();
        try {
            List<LiveState.Pod> running = adoptable(await(pods, deadlineNanos), name);
            List<LiveState.Claim> found = new ArrayList<>();
            for (CompletableFuture<Optional<HasMetadata>> claim : claims) {
                await(claim, deadlineNanos).flatMap(c -> ordinalClaim(c.getMetadata().getName(), name)).ifPresent(found::add);
            }
            return LiveState.read(running, found);
        } catch (LiveObjects.LookupException e) {
            Stream.concat(Stream.of(pods), claims.stream()).forEach(future -> future.cancel(true));
            return LiveState.unread(e.getMessage(), onFailure == OnLookupFailure.DENY);
        }
    }

    /** {@code <template>-<name>-<ordinal>} for each volumeClaimTemplate and each ordinal of spec.replicas, bounded. */
    private static List<String> claimNames(StatefulSet statefulSet) {
        var templates = Objects.requireNonNullElse(statefulSet.getSpec().getVolumeClaimTemplates(), List.<PersistentVolumeClaim>of());
        int replicas = Objects.requireNonNullElse(statefulSet.getSpec().getReplicas(), 1);
        List<String> names = new ArrayList<>();
        for (int ordinal = 0; ordinal < replicas && names.size() < MAX_CLAIMS; ordinal++) {
            for (PersistentVolumeClaim template : templates) {
                if (template != null && template.getMetadata() != null && template.getMetadata().getName() != null
                        && names.size() < MAX_CLAIMS) {
                    names.add(template.getMetadata().getName() + "-" + statefulSet.getMetadata().getName() + "-" + ordinal);
                }
            }
        }
        return names;
    }

    /**
     * The pods named {@code <name>-<ordinal>} that StatefulSet {@code name} has or would adopt: no controller, or a
     * StatefulSet of the same name (an orphaned pod, or one of its own); each with the images it runs.
     */
    public static List<LiveState.Pod> adoptable(List<Pod> pods, String name) {
        return pods.stream().map(pod -> adoptable(pod, name)).flatMap(Optional::stream).toList();
    }

    private static Optional<LiveState.Pod> adoptable(Pod pod, String name) {
        Optional<Integer> ordinal = ordinal(pod.getMetadata().getName(), name);
        List<OwnerReference> owners = Objects.requireNonNullElse(pod.getMetadata().getOwnerReferences(), List.of());
        boolean otherController = owners.stream().anyMatch(owner -> Boolean.TRUE.equals(owner.getController())
                && !("StatefulSet".equals(owner.getKind()) && name.equals(owner.getName())));
        if (ordinal.isEmpty() || otherController || pod.getSpec() == null) {
            return Optional.empty();
        }
        Map<String, String> images = new LinkedHashMap<>();
        Stream.concat(Objects.requireNonNullElse(pod.getSpec().getInitContainers(), List.<Container>of()).stream(),
                        Objects.requireNonNullElse(pod.getSpec().getContainers(), List.<Container>of()).stream())
                .filter(c -> c != null && c.getName() != null && c.getImage() != null)
                .forEach(c -> images.putIfAbsent(c.getName(), c.getImage()));
        Map<String, String> labels = Objects.requireNonNullElse(pod.getMetadata().getLabels(), Map.of());
        return Optional.of(new LiveState.Pod(pod.getMetadata().getName(), ordinal.get(), labels.get(REVISION_LABEL), images));
    }

    private static Optional<LiveState.Claim> ordinalClaim(String claim, String name) {
        Matcher matcher = Pattern.compile(".+-" + Pattern.quote(name) + "-(\\d{1,9})").matcher(claim);
        return matcher.matches() ? Optional.of(new LiveState.Claim(claim, Integer.parseInt(matcher.group(1)))) : Optional.empty();
    }

    private static Optional<Integer> ordinal(String pod, String name) {
        Matcher matcher = Pattern.compile(Pattern.quote(name) + "-(\\d{1,9})").matcher(pod == null ? "" : pod);
        return matcher.matches() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
    }

    /** A read of the cluster. */
    public interface Read<T> {
        T get() throws LiveObjects.LookupException;
    }

    /** Starts {@code read} on the lookup threads. */
    public <T> CompletableFuture<T> async(Read<T> read) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return read.get();
            } catch (LiveObjects.LookupException e) {
                throw new CompletionException(e);
            }
        }, lookups);
    }

    /**
     * The answer of a read by the deadline; a failure, a missed deadline or an interrupt as a
     * {@link LiveObjects.LookupException} whose message says what went wrong. Shared with the Helm pre-flight.
     */
    public <T> T await(CompletableFuture<T> future, long deadlineNanos) throws LiveObjects.LookupException {
        try {
            return future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new LiveObjects.LookupException("the Kubernetes API did not answer within " + deadline.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof LiveObjects.LookupException failure ? failure
                    : new LiveObjects.LookupException("cannot read it from the Kubernetes API ("
                            + e.getCause().getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LiveObjects.LookupException("the lookup was interrupted");
        }
    }
}
