package io.rdbguard.core.workload;

import java.util.List;

/** Who asked for the change (the admission request's userInfo). */
public record Requester(String username, List<String> groups) {
    public Requester {
        groups = List.copyOf(groups);
    }

    public static final Requester UNKNOWN = new Requester("", List.of());
}
