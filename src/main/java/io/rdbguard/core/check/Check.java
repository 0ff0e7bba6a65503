package io.rdbguard.core.check;

import io.rdbguard.core.workload.Change;
import java.util.List;

/**
 * One policy check. A check only reports what it finds; the engine applies the configured mode
 * (enforce, warn, audit, off) and exemptions, so checks stay free of policy plumbing. What the check is called and
 * how it is documented is its {@link CheckDescriptor}, kept with the registration (core.registry).
 */
@FunctionalInterface
public interface Check {

    /** Findings for the change; an empty list means the check has nothing to say (it passes). */
    List<Finding> evaluate(Change change);
}
