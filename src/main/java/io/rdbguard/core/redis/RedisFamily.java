package io.rdbguard.core.redis;

import io.rdbguard.core.probe.Depth;
import io.rdbguard.core.probe.ProbeExamples;
import io.rdbguard.core.redis.ImageIdentity.Datastore;
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

    /** The file the documented start-up wrapper writes once its configuration steps succeeded (docs/probes). */
    static final String MARKER = "/tmp/.rdb-guard-configured";

    private final ImageIdentifier images;

    public RedisFamily(ImageIdentifier images) {
        this.images = images;
    }

    public ImageIdentifier images() {
        return images;
    }

    @Override
    public ContainerRole roleOf(Container container) {
        return images.identify(container.image()) instanceof Datastore ? ContainerRole.DATASTORE : ContainerRole.OTHER;
    }

    @Override
    public Probe.Action reaching(Depth depth, Container container) {
        if (!(images.identify(container.image()) instanceof Datastore datastore)) {
            return GENERIC.reaching(depth, container);
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
            default -> new Probe.Exec(List.of("sh", "-c", "test -f " + MARKER + " && " + pong));
        };
    }

    @Override
    public String requirements(Depth depth, Container container) {
        if (!(images.identify(container.image()) instanceof Datastore)) {
            return "";
        }
        if (depth == Depth.CONFIGURED) {
            return " with an entrypoint that writes " + MARKER + " after its configuration succeeded (rdb-guard docs/probes)";
        }
        return depth.isAbove(Depth.PORT) ? " (export REDISCLI_AUTH if the server needs a password)" : "";
    }
}
