package io.rdbguard.core.probe;

/**
 * What {@code probe-depth} requires, per container role (datastore or other) and probe kind.
 *
 * @param loadBudgetSeconds how long a datastore may take to load its dataset before liveness may restart it, when it
 *                          has no startup probe (its liveness initialDelay + failureThreshold x period must reach it)
 * @param startupGapFails   whether a too-short startup window is a violation (FAIL) rather than advice (WARN)
 */
public record ProbeDepthSettings(RoleLimits datastore, RoleLimits other, int loadBudgetSeconds, boolean startupGapFails) {

    /** A probe kind's minimum depth; {@code required} means a missing probe counts as depth 0 and fails the minimum. */
    public record Requirement(Depth minimum, boolean required) {

        public static final Requirement OPTIONAL = new Requirement(Depth.NONE, false);
    }

    /** The requirements of one role; liveness also has a maximum, because a deep liveness probe restarts healthy pods. */
    public record RoleLimits(Requirement readiness, Requirement liveness, Requirement startup, Depth livenessMaximum) {

        public RoleLimits {
            if (liveness.minimum().isAbove(livenessMaximum)) {
                throw new IllegalArgumentException("the liveness minimum " + liveness.minimum().describe()
                        + " is above the liveness maximum " + livenessMaximum.describe() + ": no liveness probe could pass");
            }
        }

        public Requirement of(ProbeKind kind) {
            return switch (kind) {
                case READINESS -> readiness;
                case LIVENESS -> liveness;
                case STARTUP -> startup;
            };
        }
    }

    public ProbeDepthSettings {
        if (loadBudgetSeconds <= 0) {
            throw new IllegalArgumentException("the load budget must be a positive number of seconds, not " + loadBudgetSeconds);
        }
    }

    /**
     * The defaults. A datastore must refuse traffic while it loads (readiness: serving, required); its liveness, if any,
     * must notice a server that stopped answering but must not restart one that is loading or resyncing (exactly
     * protocol). Startup probes are optional; without one, liveness must leave 300 s for the load (the Kubernetes
     * docs' example startup window, 30 x 10 s), as advice, because the stock Bitnami master has none. Other containers
     * (Sentinel, exporters, proxies) are the workload owner's business: nothing is required of them.
     */
    public static ProbeDepthSettings defaults() {
        return new ProbeDepthSettings(
                new RoleLimits(
                        new Requirement(Depth.SERVING, true),
                        new Requirement(Depth.PROTOCOL, false),
                        Requirement.OPTIONAL,
                        Depth.PROTOCOL),
                new RoleLimits(Requirement.OPTIONAL, Requirement.OPTIONAL, Requirement.OPTIONAL, Depth.CONFIGURED),
                300,
                false);
    }

    /** For teams that lived through the outage: readiness must prove the running configuration (dir, password), and the startup gap denies. */
    public static ProbeDepthSettings strict() {
        ProbeDepthSettings defaults = defaults();
        RoleLimits datastore = defaults.datastore();
        return new ProbeDepthSettings(
                new RoleLimits(new Requirement(Depth.CONFIGURED, true), datastore.liveness(), datastore.startup(), datastore.livenessMaximum()),
                defaults.other(),
                defaults.loadBudgetSeconds(),
                true);
    }

    public RoleLimits limits(boolean isDatastore) {
        return isDatastore ? datastore : other;
    }
}
