package io.rdbguard.core.workload;

/** The admission operations rdb-guard judges; others are allowed before they reach the core. */
public enum Operation {
    CREATE,
    UPDATE
}
