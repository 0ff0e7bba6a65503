package io.rdbguard.core.probe;

import io.rdbguard.core.workload.Container;
import io.rdbguard.core.workload.Workload.PodTemplate;
import io.rdbguard.core.workload.Workload.Volume;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the pod spec says about the server a probe checks: where persistent volumes are mounted (a configured
 * readiness must find the server's data directory among them), whether the pod supplies a password (then it must
 * find the server requiring one), and whether the container can only ever be a replica.
 */
public record ServerContext(Set<String> persistentMountPaths, boolean suppliesPassword, boolean alwaysReplica) {

    private static final Pattern REPLICA_OPTION = Pattern.compile("--(?:replicaof|slaveof)\\b.*");
    private static final List<String> REPLICATION_MODES = List.of("REDIS_REPLICATION_MODE", "VALKEY_REPLICATION_MODE");

    /** Nothing known: no depth-4 claim can be cross-checked. */
    public static final ServerContext UNKNOWN = new ServerContext(Set.of(), false, false);

    /** The pod every rule example is written for: a master whose data is a persistent volume at /data, with a password. */
    public static final ServerContext EXAMPLE = new ServerContext(Set.of("/data"), true, false);

    public ServerContext {
        persistentMountPaths = Set.copyOf(persistentMountPaths);
    }

    public static ServerContext of(Container container, PodTemplate template, ConfigurationRules rules) {
        Container.Runtime runtime = container.runtime();
        Set<String> mounts = new HashSet<>();
        boolean password = false;
        for (Container.EnvVar env : runtime.env()) {
            if (rules.passwordEnv().matcher(env.name()).matches()) {
                password = true;
                break;
            }
        }
        for (Container.VolumeMount mount : runtime.volumeMounts()) {
            if (backedBy(template, mount, Volume.Source.PERSISTENT_CLAIM)) {
                mounts.add(normalised(mount.mountPath()));
            }
            password = password || backedBy(template, mount, Volume.Source.SECRET) && rules.passwordMount().matcher(mount.mountPath()).find();
        }
        return new ServerContext(mounts, password, alwaysReplica(container));
    }

    private static boolean backedBy(PodTemplate template, Container.VolumeMount mount, Volume.Source source) {
        for (Volume volume : template.volumes()) {
            if (volume.source() == source && volume.name().equals(mount.name())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the container is configured to run only as a replica: Bitnami's REDIS_REPLICATION_MODE (or VALKEY_...)
     * of slave/replica, or --replicaof/--slaveof on its command line. Anything else may be a master (a standalone
     * server, a node Sentinel may promote).
     */
    static boolean alwaysReplica(Container container) {
        Container.Runtime runtime = container.runtime();
        for (String variable : REPLICATION_MODES) {
            String mode = runtime.literal(variable).orElse(null);
            if ("slave".equals(mode) || "replica".equals(mode)) {
                return true;
            }
        }
        return replicaOption(runtime.command()) || replicaOption(runtime.args());
    }

    private static boolean replicaOption(List<String> words) {
        for (String word : words) {
            if (word.startsWith("--") && REPLICA_OPTION.matcher(word).matches()) {
                return true;
            }
        }
        return false;
    }

    static String normalised(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
