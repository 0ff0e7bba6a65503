package io.rdbguard.core.redis;

import io.rdbguard.core.probe.Depth;
import io.rdbguard.core.probe.ProbeExamples;
import io.rdbguard.core.probe.ServerContext;
import io.rdbguard.core.redis.ImageIdentity.Datastore;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.Container;
import io.rdbguard.core.workload.ContainerRole;
import io.rdbguard.core.workload.Probe;
import io.rdbguard.core.workload.RoleResolver;
import java.util.List;

/**
 * The Redis family (Redis, Valkey, Redict, KeyDB, Dragonfly) as a datastore module: which containers run one of its
 * servers (by the catalog), and probes written for them with the client and port the catalog gives their family.
 * The format checks of this package judge the same images through the same {@link ImageIdentifier}.
 */
public final class RedisFamily implements RoleResolver, ProbeExamples {

    private final ImageIdentifier images;

    public RedisFamily(ImageIdentifier images) {
        this.images = images;
    }

    public ImageIdentifier images() {
        return images;
    }

    @Override
    public ContainerRole roleOf(Change change, Container container) {
        return images.roles().roleOf(change, container);
    }

    @Override
    public Probe.Action reaching(Depth depth, Container container, ServerContext server) {
        if (!(images.identify(container.image()) instanceof Datastore datastore)) {
            return GENERIC.reaching(depth, container, server);
        }
        Family family = datastore.family();
        String port = String.valueOf(container.ports().isEmpty() ? family.port() : container.ports().get(0).containerPort());
        if (!depth.isAbove(Depth.PORT)) {
            return new Probe.TcpSocket(port);
        }
        String pong = "[ \"$(" + family.cli() + " -p " + port + " ping)\" = PONG ]";
        return switch (depth) {
            case PROTOCOL -> new Probe.Exec(List.of(family.cli(), "-p", port, "ping"));
            case SERVING -> new Probe.Exec(List.of("sh", "-c", pong));
            default -> new Probe.Exec(List.of("sh", "-c", pong + " && " + configured(family.cli(), port, server)));
        };
    }

    /**
     * The configured part of a readiness (docs/probes): CONFIG GET dir is the container's persistent mount (else /data,
     * where the requirements ask for one), and when the pod supplies a password, a client without it gets NOAUTH.
     */
    private static String configured(String cli, String port, ServerContext server) {
        String dir = server.persistentMountPaths().stream().sorted().findFirst().orElse("/data");
        String checkDir = "[ \"$(" + cli + " -p " + port + " config get dir | tail -n 1)\" = " + dir + " ]";
        return server.suppliesPassword() ? checkDir + " && env -u REDISCLI_AUTH " + cli + " -p " + port + " ping | grep -q NOAUTH" : checkDir;
    }

    @Override
    public String requirements(Depth depth, Container container, ServerContext server) {
        if (!(images.identify(container.image()) instanceof Datastore)) {
            return "";
        }
        if (depth == Depth.CONFIGURED) {
            return server.persistentMountPaths().isEmpty()
                    ? " with the data directory on a volumeClaimTemplate mounted at /data (rdb-guard docs/probes)"
                    : " (rdb-guard docs/probes; REDISCLI_AUTH set from the pod's password)";
        }
        return depth.isAbove(Depth.PORT) ? " (export REDISCLI_AUTH if the server needs a password)" : "";
    }
}
