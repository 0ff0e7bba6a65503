package io.rdbguard.core.format;

import io.rdbguard.core.format.ImageIdentity.Datastore;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.Container;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pairs the containers (init containers included) of an UPDATE with their previous versions and keeps the pairs
 * where a datastore image changed. Containers pair by name; a renamed datastore container pairs with the old
 * unpaired container of the same family, or with the only old unpaired datastore container when there is one.
 * A CREATE, and a datastore container with no predecessor, have no old side: there is no data to lose yet.
 */
final class ImageSwaps {

    private ImageSwaps() {
    }

    static List<ImageSwap> of(Change change, ImageIdentifier images) {
        if (change.previous() == null) {
            return List.of();
        }
        Map<String, Container> unpairedOld = new LinkedHashMap<>();
        change.previous().allContainers().forEach(c -> unpairedOld.put(c.name(), c));
        List<Container> unpairedNew = new ArrayList<>();
        List<ImageSwap> swaps = new ArrayList<>();
        for (Container container : change.workload().allContainers().toList()) {
            Container old = unpairedOld.remove(container.name());
            if (old == null) {
                unpairedNew.add(container);
            } else {
                swap(container.name(), old, container, images).ifPresent(swaps::add);
            }
        }
        for (Container renamed : unpairedNew) {
            if (images.identify(renamed.image()) instanceof Datastore datastore) {
                predecessor(datastore, unpairedOld, images).ifPresent(old -> {
                    unpairedOld.remove(old.name());
                    swap(renamed.name(), old, renamed, images).ifPresent(swaps::add);
                });
            }
        }
        return swaps;
    }

    private static Optional<Container> predecessor(Datastore renamed, Map<String, Container> unpairedOld,
            ImageIdentifier images) {
        List<Container> oldDatastores = unpairedOld.values().stream()
                .filter(c -> images.identify(c.image()) instanceof Datastore)
                .toList();
        Optional<Container> sameFamily = oldDatastores.stream()
                .filter(c -> ((Datastore) images.identify(c.image())).family().equals(renamed.family()))
                .findFirst();
        if (sameFamily.isPresent() || oldDatastores.size() != 1) {
            return sameFamily;
        }
        return Optional.of(oldDatastores.get(0));
    }

    private static Optional<ImageSwap> swap(String name, Container old, Container now, ImageIdentifier images) {
        if (old.image().equals(now.image())) {
            return Optional.empty();
        }
        if (images.identify(old.image()) instanceof Datastore before
                && images.identify(now.image()) instanceof Datastore after) {
            return Optional.of(new ImageSwap(name, old.image(), before, now.image(), after));
        }
        return Optional.empty();
    }
}
