package io.rdbguard.core.workload;

import java.util.List;

/**
 * One container of a pod template. Probes are null when absent; init containers never have probes.
 */
public record Container(
        String name,
        String image,
        boolean init,
        List<ContainerPort> ports,
        Probe readiness,
        Probe liveness,
        Probe startup) {

    public Container {
        ports = List.copyOf(ports);
    }

    public Container withImage(String otherImage) {
        return new Container(name, otherImage, init, ports, readiness, liveness, startup);
    }

    public record ContainerPort(String name, int containerPort) {
    }
}
