package io.rdbguard.kube;

/** What to do when the cluster cannot be read in time (rdb-guard.on-lookup-failure): never silently "safe". */
public enum OnLookupFailure {
    /** judge by the templates alone, and say so in a warning */
    ALLOW,
    /** refuse until the cluster can be read */
    DENY
}
