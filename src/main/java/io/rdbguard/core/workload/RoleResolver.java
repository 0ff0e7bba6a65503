package io.rdbguard.core.workload;

/** Decides a container's role; each datastore module knows its own servers. */
@FunctionalInterface
public interface RoleResolver {

    /** The role of a container of {@code change}'s workload: what it runs, and what it replaces in an UPDATE. */
    ContainerRole roleOf(Change change, Container container);
}
