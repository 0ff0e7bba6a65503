package io.rdbguard.core.engine;

import io.rdbguard.core.check.Mode;
import io.rdbguard.core.exemption.ExemptionPolicy;
import java.util.Map;

/** The cluster admin's policy: the mode of every check and the rules for exemptions. Immutable; a reload builds a new one. */
public record Policy(Map<String, Mode> modes, ExemptionPolicy exemptions) {

    public Policy {
        modes = Map.copyOf(modes);
    }

    public Mode mode(String checkId) {
        Mode mode = modes.get(checkId);
        if (mode == null) {
            throw new IllegalStateException("no mode configured for check " + checkId);
        }
        return mode;
    }
}
