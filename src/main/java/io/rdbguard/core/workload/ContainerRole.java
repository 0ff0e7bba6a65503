package io.rdbguard.core.workload;

import java.util.Locale;

/** What a container is for, as far as the checks care: what they require of it follows from this. */
public enum ContainerRole {
    /** Runs a datastore server that holds the workload's data. */
    DATASTORE,
    /** Anything else: sidecars, exporters, proxies, helpers. */
    OTHER;

    /** "datastore", "other": how messages name the role. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
