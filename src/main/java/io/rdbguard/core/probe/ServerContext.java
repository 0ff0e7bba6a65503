package io.rdbguard.core.probe;

import io.rdbguard.core.workload.Container;
import io.rdbguard.core.workload.Workload.PodTemplate;
import io.rdbguard.core.workload.Workload.Volume;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the pod spec says about the server a probe checks: where persistent volumes are mounted (a configured
 * readiness must find the server's data directory among them), whether the pod supplies a password (then it must
 * find the server requiring one), and whether the container can only ever be a replica.
 */
public record ServerContext(Set<String> persistentMountPaths, boolean suppliesPassword, boolean alwaysReplica) {

    private static final Pattern REPLICA_OPTION = Pattern.compile("--(?:replicaof|slaveof)\\b.*");

    /** Nothing known: no depth-4 claim can be cross-checked. */
    public static final ServerContext UNKNOWN = new ServerContext(Set.of(), false, false);

    /** The pod every rule example is written for: a master whose data is a persistent volume at /data, with a password. */
    public static final ServerContext EXAMPLE = new ServerContext(Set.of("/data"), true, false);

    public ServerContext {
        persistentMountPaths = Set.copyOf(persistentMountPaths);
    }

    public static ServerContext of(Container container, PodTemplate template, ConfigurationRules rules) {
        Container.Runtime runtime = container.runtime();
        Set<String> persistent = template.persistentClaims();
        Set<String> secrets = template.volumes().stream().filter(v -> v.source() == Volume.Source.SECRET)
                .map(Volume::name).collect(Collectors.toSet());
        Set<String> mounts = runtime.volumeMounts().stream().filter(m -> persistent.contains(m.name()))
                .map(m -> normalised(m.mountPath())).collect(Collectors.toSet());
        boolean password = runtime.env().stream().anyMatch(e -> rules.passwordEnv().matcher(e.name()).matches())
                || runtime.volumeMounts().stream().anyMatch(m -> secrets.contains(m.name()) && rules.passwordMount().matcher(m.mountPath()).find());
        return new ServerContext(mounts, password, alwaysReplica(container));
    }

    /**
     * Whether the container is configured to run only as a replica: Bitnami's REDIS_REPLICATION_MODE (or VALKEY_...)
     * of slave/replica, or --replicaof/--slaveof on its command line. Anything else may be a master (a standalone
     * server, a node Sentinel may promote).
     */
    static boolean alwaysReplica(Container container) {
        Container.Runtime runtime = container.runtime();
        boolean byEnv = Stream.of("REDIS_REPLICATION_MODE", "VALKEY_REPLICATION_MODE").map(runtime::literal).flatMap(Optional::stream)
                .anyMatch(mode -> mode.equals("slave") || mode.equals("replica"));
        boolean byArgs = Stream.concat(runtime.command().stream(), runtime.args().stream())
                .anyMatch(a -> REPLICA_OPTION.matcher(a).matches());
        return byEnv || byArgs;
    }

    static String normalised(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
