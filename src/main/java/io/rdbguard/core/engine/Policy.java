package io.rdbguard.core.engine;

import io.rdbguard.core.check.CheckDescriptor;
import io.rdbguard.core.check.Mode;
import io.rdbguard.core.exemption.ExemptionPolicy;
import java.util.Map;

/**
 * The cluster admin's policy: the modes the admin chose (a check not named runs in its default mode) and the rules
 * for exemptions. Immutable; a reload builds a new one.
 */
public record Policy(Map<String, Mode> modes, ExemptionPolicy exemptions) {

    public static final Policy DEFAULTS = new Policy(Map.of(), ExemptionPolicy.DEFAULT);

    public Policy {
        modes = Map.copyOf(modes);
    }

    public Mode mode(CheckDescriptor check) {
        return modes.getOrDefault(check.id(), check.defaultMode());
    }
}
