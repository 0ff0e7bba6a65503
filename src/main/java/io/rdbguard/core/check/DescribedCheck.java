package io.rdbguard.core.check;

import java.util.Objects;

/** A check with its descriptor: what the engine runs and reports under the descriptor's id. */
public record DescribedCheck(CheckDescriptor descriptor, Check check) {

    public DescribedCheck {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(check, "check");
    }
}
