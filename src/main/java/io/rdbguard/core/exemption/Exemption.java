package io.rdbguard.core.exemption;

import java.time.Instant;
import java.util.Set;

/**
 * A reasoned, time-boxed exemption read from a workload's annotations; also the provenance of every result it skips.
 *
 * @param checkIds   the exempted checks
 * @param containers the containers in scope; empty means every container
 * @param grantedBy  the user whose request added or changed it, or null when it was carried over unchanged
 */
public record Exemption(Set<String> checkIds, String reason, Instant until, Set<String> containers, String grantedBy) {

    public Exemption {
        checkIds = Set.copyOf(checkIds);
        containers = Set.copyOf(containers);
    }

    /** Whether a result of this check, about this container (null: the whole workload), is exempted. */
    public boolean covers(String checkId, String container) {
        if (!checkIds.contains(checkId)) {
            return false;
        }
        return containers.isEmpty() || (container != null && containers.contains(container));
    }
}
