package io.rdbguard.core.workload;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Pairs the containers (init containers included) of an UPDATE with the ones they replace. Containers pair by name;
 * a renamed container pairs with the first unpaired old container of the same lineage (for a datastore: its family),
 * or with the only unpaired old container that has a lineage at all. A CREATE, and a container with no predecessor,
 * have no pair. Linear in the number of containers, so a crafted request with thousands of them stays cheap.
 */
public final class ContainerPairs {

    private ContainerPairs() {
    }

    /** {@code lineage}: what must stay the same across a rename (empty: the container is never paired by lineage). */
    public static List<ContainerPair> of(Change change, Function<Container, Optional<String>> lineage) {
        return change.previous() == null ? List.of() : of(change.previous(), change.workload(), lineage);
    }

    /** The containers of {@code after} paired with those of {@code before} they replace. */
    public static List<ContainerPair> of(Workload before, Workload after, Function<Container, Optional<String>> lineage) {
        Map<String, Container> unpairedOld = new LinkedHashMap<>();
        before.allContainers().forEach(c -> unpairedOld.putIfAbsent(c.name(), c));
        List<ContainerPair> pairs = new ArrayList<>();
        List<Container> renamed = new ArrayList<>();
        after.allContainers().forEach(container -> {
            Container old = unpairedOld.remove(container.name());
            if (old == null) {
                renamed.add(container);
            } else {
                pairs.add(new ContainerPair(old, container));
            }
        });
        if (renamed.isEmpty()) {
            return pairs;
        }
        Map<String, Deque<Container>> oldByLineage = new LinkedHashMap<>();
        unpairedOld.values().forEach(old -> lineage.apply(old)
                .ifPresent(key -> oldByLineage.computeIfAbsent(key, k -> new ArrayDeque<>()).add(old)));
        int remaining = oldByLineage.values().stream().mapToInt(Deque::size).sum();
        for (Container container : renamed) {
            Optional<String> key = lineage.apply(container);
            if (key.isEmpty() || remaining == 0) {
                continue;
            }
            Deque<Container> sameLineage = oldByLineage.get(key.get());
            Deque<Container> source = sameLineage != null && !sameLineage.isEmpty() ? sameLineage
                    : remaining == 1 ? oldByLineage.values().stream().filter(d -> !d.isEmpty()).findFirst().orElseThrow()
                    : null;
            if (source != null) {
                pairs.add(new ContainerPair(source.poll(), container));
                remaining--;
            }
        }
        return pairs;
    }
}
