package io.rdbguard.core.workload;

import java.util.Optional;

/** What a decision is about: one workload change, or a whole Helm release (with a change per workload inside). */
public sealed interface Subject permits Change, ReleaseChange {

    /** Identifies the request in logs: the admission uid, or a file position in the CLI. */
    String id();

    /** "StatefulSet shop/cache", "Helm release shop (chart redis-19.6.4, revision 2)": how messages name it. */
    String displayName();

    Requester requester();

    boolean dryRun();

    /** The Helm release it belongs to, so messages can say how to set annotations through the chart. */
    Optional<HelmRelease> helmRelease();
}
