package io.rdbguard.core.workload;

/** Decides a container's role; each datastore module knows its own servers. */
@FunctionalInterface
public interface RoleResolver {
    ContainerRole roleOf(Container container);
}
