package io.rdbguard.core.redis;

import io.rdbguard.core.memo.BoundedMemo;
import io.rdbguard.core.redis.ImageIdentity.Datastore;
import io.rdbguard.core.redis.ImageIdentity.NotADatastore;
import io.rdbguard.core.redis.ImageIdentity.UnknownRepository;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.Container;
import io.rdbguard.core.workload.ContainerRole;
import io.rdbguard.core.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A container's role, from what it runs (docs/roles.md): the command and args the pod gives, else the image's
 * default ENTRYPOINT and CMD from the catalog, read by the catalog's role rules. When no rule recognises what runs,
 * the image decides: a datastore image is a datastore (unknown is never safe), a Sentinel or exporter image its role,
 * any other image is other. An image the catalog does not know that replaces a datastore server in a container that
 * mounts the data volume stays a datastore: it will open that data.
 *
 * <p>Every check asks for the roles of the same containers on every request, and reading a container's script is most
 * of what a check costs, so a role is remembered per image and command line, as long as the {@link ImageIdentifier}
 * (whose {@link ImageIdentifier#roles()} this is) lives: a catalog reload makes new ones.
 */
public final class ContainerRoles {

    /** Distinct containers a cluster runs; a bound keeps crafted requests from growing the memo without end. */
    static final int MEMO_LIMIT = 4096;
    /** A command line longer than this (in characters) is read every time rather than kept. */
    static final int LONGEST_REMEMBERED = 16 * 1024;

    private final ImageIdentifier images;
    private final BoundedMemo<RunsKey, ContainerRole> memo = new BoundedMemo<>(MEMO_LIMIT, RunsKey::size, LONGEST_REMEMBERED);

    /** Everything a container's own role depends on. */
    private record RunsKey(String image, List<String> command, List<String> args) {

        int size() {
            int size = image.length();
            for (String word : command) {
                size += word.length();
            }
            for (String word : args) {
                size += word.length();
            }
            return size;
        }
    }

    public ContainerRoles(ImageIdentifier images) {
        this.images = images;
    }

    /** The role of a container judged on its own. */
    public ContainerRole roleOf(Container container) {
        Container.Runtime runtime = container.runtime();
        return memo.get(new RunsKey(container.image(), runtime.command(), runtime.args()), key -> roleNow(container));
    }

    private ContainerRole roleNow(Container container) {
        ImageIdentity identity = images.identify(container.image());
        return images.catalog().roles().roleOf(argv(container, identity)).orElseGet(() -> imageRole(identity));
    }

    /** The role of a container of {@code change}'s workload, which may inherit the datastore role it replaces. */
    public ContainerRole roleOf(Change change, Container container) {
        ContainerRole role = roleOf(container);
        if (role == ContainerRole.OTHER && replacesDatastoreOnItsData(change, container)) {
            return ContainerRole.DATASTORE;
        }
        return role;
    }

    /**
     * True when an image the catalog does not know takes the place of a datastore server and mounts a persistent
     * claim (a volumeClaimTemplate or a persistentVolumeClaim) of the workload.
     */
    public boolean replacesDatastoreOnItsData(Change change, Container container) {
        if (change.previous() == null || !(images.identify(container.image()) instanceof UnknownRepository)
                || !mountsPersistentClaim(change.workload(), container)) {
            return false;
        }
        return predecessor(change.previous(), container)
                .filter(old -> images.identify(old.image()) instanceof Datastore)
                .filter(old -> roleOf(old) == ContainerRole.DATASTORE)
                .isPresent();
    }

    /** The argv the kubelet runs: command (else ENTRYPOINT) then args (else CMD, unless a command is given). */
    static List<String> argv(Container container, ImageIdentity identity) {
        Container.Runtime runtime = container.runtime();
        ImageDefaults defaults = defaults(identity);
        List<String> argv = new ArrayList<>(runtime.command().isEmpty() && defaults != null
                ? defaults.entrypoint() : runtime.command());
        if (!runtime.args().isEmpty()) {
            argv.addAll(runtime.args());
        } else if (runtime.command().isEmpty() && defaults != null) {
            argv.addAll(defaults.cmd());
        }
        return argv;
    }

    private static ImageDefaults defaults(ImageIdentity identity) {
        if (identity instanceof Datastore datastore) {
            return datastore.repository().runs();
        }
        return identity instanceof NotADatastore ignored ? ignored.repository().runs() : null;
    }

    private static ContainerRole imageRole(ImageIdentity identity) {
        if (identity instanceof Datastore) {
            return ContainerRole.DATASTORE;
        }
        return identity instanceof NotADatastore ignored ? ignored.repository().role() : ContainerRole.OTHER;
    }

    private static Optional<Container> predecessor(Workload previous, Container container) {
        return previous.allContainers().filter(c -> c.name().equals(container.name()) && c.init() == container.init())
                .findFirst();
    }

    private static boolean mountsPersistentClaim(Workload workload, Container container) {
        Set<String> claims = workload.template().persistentClaims();
        return container.runtime().volumeMounts().stream().anyMatch(m -> claims.contains(m.name()));
    }
}
