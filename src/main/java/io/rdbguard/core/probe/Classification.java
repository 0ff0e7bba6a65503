package io.rdbguard.core.probe;

import java.util.Objects;

/**
 * What a probe proves: its depth, one short line saying why, whether it also fails when another pod (e.g. the
 * master) is down, and whether it can pass only on a replica (never on a master).
 */
public record Classification(Depth depth, String explanation, boolean dependsOnOtherPod, boolean replicaOnly) {

    public Classification {
        Objects.requireNonNull(depth, "depth");
        Objects.requireNonNull(explanation, "explanation");
    }
}
