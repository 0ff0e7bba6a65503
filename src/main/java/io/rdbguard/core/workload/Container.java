package io.rdbguard.core.workload;

import java.util.List;
import java.util.Optional;

/**
 * One container of a pod template. Probes are null when absent; init containers never have probes.
 * {@code runtime} is what the container starts with (command, env, mounts): probe-depth needs it to know the
 * container's replication role and to cross-check what a probe asserts about the server against the pod spec.
 */
public record Container(
        String name,
        String image,
        boolean init,
        List<ContainerPort> ports,
        Probe readiness,
        Probe liveness,
        Probe startup,
        Runtime runtime) {

    public Container {
        ports = List.copyOf(ports);
    }

    /** A container whose command, env and mounts are not known (tests, objects without them). */
    public Container(String name, String image, boolean init, List<ContainerPort> ports, Probe readiness, Probe liveness, Probe startup) {
        this(name, image, init, ports, readiness, liveness, startup, Runtime.NONE);
    }

    public Container withImage(String otherImage) {
        return new Container(name, otherImage, init, ports, readiness, liveness, startup, runtime);
    }

    public record ContainerPort(String name, int containerPort) {
    }

    /** The container's command and args (empty: the image's entrypoint), its env and its volume mounts. */
    public record Runtime(List<String> command, List<String> args, List<EnvVar> env, List<VolumeMount> volumeMounts) {

        public static final Runtime NONE = new Runtime(List.of(), List.of(), List.of(), List.of());

        public Runtime {
            command = List.copyOf(command);
            args = List.copyOf(args);
            env = List.copyOf(env);
            volumeMounts = List.copyOf(volumeMounts);
        }

        /** The literal value of an env variable; empty when unset or taken from a Secret, ConfigMap or field. */
        public Optional<String> literal(String name) {
            for (EnvVar variable : env) {
                if (variable.name().equals(name) && variable.value() != null) {
                    return Optional.of(variable.value());
                }
            }
            return Optional.empty();
        }
    }

    /** An env variable: a literal {@code value}, or null when it comes from elsewhere ({@code fromSecret} says if a Secret). */
    public record EnvVar(String name, String value, boolean fromSecret) {
    }

    public record VolumeMount(String name, String mountPath) {
    }
}
