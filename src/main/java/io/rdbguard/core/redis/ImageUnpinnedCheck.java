package io.rdbguard.core.redis;

import io.rdbguard.core.check.Check;
import io.rdbguard.core.check.Finding;
import io.rdbguard.core.redis.ImageIdentity.Datastore;
import io.rdbguard.core.redis.ImageIdentity.InvalidReference;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.Container;
import io.rdbguard.core.workload.ContainerRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code image-unpinned}: a datastore image whose reference does not pin a release (latest, 7, 7.2, alpine,
 * Bitnami 7.2-debian-12, a digest without a pin) can change its snapshot format under the workload. On an UPDATE that
 * keeps a container's image, the finding is marked repeated: the change did not cause it, so it is said once per workload.
 */
public record ImageUnpinnedCheck(ImageIdentifier images) implements Check {

    @Override
    public List<Finding> evaluate(Change change) {
        List<Finding> findings = new ArrayList<>();
        Map<String, String> imagesBefore = change.previous() == null ? Map.of() : change.previous().allContainers()
                .collect(Collectors.toMap(Container::name, Container::image, (first, second) -> first));
        for (Container container : change.workload().allContainers().toList()) {
            ImageIdentity identity = images.identify(container.image());
            if (identity instanceof InvalidReference invalid) {
                findings.add(Finding.error(container.name(), invalid.problem(),
                        "write the image as [registry/]repository[:tag][@digest]"));
            } else if (identity instanceof Datastore datastore && images.roles().roleOf(container) == ContainerRole.DATASTORE) {
                Finding finding = judge(container, datastore);
                findings.add(container.image().equals(imagesBefore.get(container.name())) ? finding.asRepeated() : finding);
            }
        }
        return findings;
    }

    private static Finding judge(Container container, Datastore datastore) {
        if (datastore.pinned()) {
            return Finding.pass(container.name(), container.image() + " pins " + datastore.displayName()
                    + " (" + datastore.version() + ")");
        }
        String known = datastore.mayWrite().isEmpty()
                ? "rdb-guard cannot tell which snapshot format it writes"
                : "it writes " + ImageSwap.formats(datastore) + ", but which release runs can change on any image pull";
        return Finding.fail(container.name(), container.image() + " does not pin a release: " + datastore.pinning()
                        + "; " + known,
                "pin a release, e.g. " + ImageIdentifier.withoutTag(container.image()) + ":"
                        + datastore.repository().tags().pinnedExample()
                        + ", or pin its digest to a version in the catalog extension (digests:)");
    }
}
