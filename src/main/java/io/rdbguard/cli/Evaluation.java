package io.rdbguard.cli;

import io.rdbguard.core.engine.Decision;
import io.rdbguard.kube.Location;
import java.util.List;

/**
 * The engine's decision on one audited change. {@code previous} is where the old side of an UPDATE came from (null for a
 * CREATE or when it is the same place); {@code notes} tell the reader what the audit saw besides the checks.
 */
public record Evaluation(Location location, Location previous, Decision decision, List<String> notes) {

    public Evaluation {
        notes = List.copyOf(notes);
    }

    public Severity severity() {
        return Severity.of(decision);
    }
}
