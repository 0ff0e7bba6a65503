package io.rdbguard.core.probe;

import java.util.Objects;

/**
 * What a probe proves: its depth, one short line saying why, and whether it also fails when another pod
 * (e.g. the master) is down.
 */
public record Classification(Depth depth, String explanation, boolean dependsOnOtherPod) {

    public Classification {
        Objects.requireNonNull(depth, "depth");
        Objects.requireNonNull(explanation, "explanation");
    }
}
