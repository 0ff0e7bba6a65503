package io.rdbguard.core.workload;

/** A container of an UPDATE and the container it replaces. */
public record ContainerPair(Container before, Container after) {
}
