package io.rdbguard.core.workload;

import java.util.Locale;

/**
 * What a container is for, decided by what it runs (its command and args, or its image's default entrypoint): what
 * the checks require of it follows from this.
 */
public enum ContainerRole {
    /** Runs a datastore server that holds the workload's data. */
    DATASTORE,
    /** Runs a Sentinel: it watches the datastore and holds no dataset. */
    SENTINEL,
    /** Runs a client or a tool (redis-cli, curl, cp, a shell loop): it holds no dataset. */
    TOOL,
    /** Runs a metrics exporter. */
    EXPORTER,
    /** Anything else: sidecars, proxies, helpers. */
    OTHER;

    /** "datastore", "sentinel": how messages and data files name the role. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
