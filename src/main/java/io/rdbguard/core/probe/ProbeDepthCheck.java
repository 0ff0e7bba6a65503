package io.rdbguard.core.probe;

import io.rdbguard.core.check.Check;
import io.rdbguard.core.check.Finding;
import io.rdbguard.core.check.Status;
import io.rdbguard.core.probe.ProbeDepthSettings.Requirement;
import io.rdbguard.core.probe.ProbeDepthSettings.RoleLimits;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.Container;
import io.rdbguard.core.workload.ContainerPairs;
import io.rdbguard.core.workload.ContainerRole;
import io.rdbguard.core.workload.Probe;
import io.rdbguard.core.workload.RoleResolver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code probe-depth}: every probe of every (non-init) container is graded; a probe shallower than the minimum for its
 * kind and the container's role, a missing required probe, or a liveness probe deeper than its maximum is a violation.
 * Advice (never denying): a datastore whose liveness may restart it before its dataset has loaded, identical readiness
 * and liveness, a liveness that depends on another pod, a timeout not below the period, and an undeclared probe port.
 * Findings about a probe an UPDATE left as it was are marked repeated; an UPDATE that leaves the whole pod template as
 * it was (only metadata changes) is never denied for its probes.
 */
public final class ProbeDepthCheck implements Check {

    /** How the message of a violation ends when an update without pod template changes does not enforce it. */
    private static final String DEFERRED = "enforced when the pod template next changes";

    private final ProbeClassifier classifier;
    private final ProbeDepthSettings settings;
    private final RoleResolver roles;
    private final ProbeExamples examples;

    /** {@code roles} and {@code examples} come from the datastore modules: who holds data, and probes that fit it. */
    public ProbeDepthCheck(ProbeClassifier classifier, ProbeDepthSettings settings, RoleResolver roles, ProbeExamples examples) {
        this.classifier = Objects.requireNonNull(classifier);
        this.settings = Objects.requireNonNull(settings);
        this.roles = Objects.requireNonNull(roles);
        this.examples = Objects.requireNonNull(examples);
    }

    @Override
    public List<Finding> evaluate(Change change) {
        Map<String, Container> before = new HashMap<>();
        ContainerPairs.of(change, container -> Optional.empty()).forEach(pair -> before.put(pair.after().name(), pair.before()));
        List<Finding> findings = new ArrayList<>();
        for (Container container : change.workload().template().containers()) {
            findings.addAll(evaluate(container, roles.roleOf(change, container), before.get(container.name()),
                    classifier.serverOf(container, change.workload().template())));
        }
        return change.podTemplateUnchanged() ? findings.stream().map(ProbeDepthCheck::deferred).toList() : findings;
    }

    /**
     * An update that leaves the pod template as it was restarts no pod, so its probes change nothing now; denying it would
     * refuse even the {@code kubectl annotate} that other messages ask for. A violation is said, and enforced when the
     * template next changes.
     */
    private static Finding deferred(Finding finding) {
        if (!finding.status().isViolation()) {
            return finding;
        }
        return new Finding(Status.WARN, finding.container(), finding.message() + " (" + DEFERRED + ")", finding.fix(),
                finding.repeated());
    }

    /** {@code before}: the container this one replaces in an UPDATE, or null; advice about what it left as it was repeats. */
    private List<Finding> evaluate(Container container, ContainerRole role, Container before, ServerContext server) {
        boolean datastore = role == ContainerRole.DATASTORE;
        RoleLimits limits = settings.limits(datastore);
        // each probe is graded once: the kind's own verdict and the advice on the pair read the same grade
        Map<ProbeKind, Classification> grades = new EnumMap<>(ProbeKind.class);
        for (ProbeKind kind : ProbeKind.values()) {
            Probe probe = probe(container, kind);
            if (probe != null) {
                grades.put(kind, classifier.classify(probe, server));
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (ProbeKind kind : ProbeKind.values()) {
            findings.addAll(repeatedIf(unchanged(before, container, kind),
                    evaluate(container, role, kind, limits, server, grades.get(kind))));
        }
        boolean allUnchanged = Arrays.stream(ProbeKind.values()).allMatch(kind -> unchanged(before, container, kind));
        findings.addAll(repeatedIf(allUnchanged, pairAdvice(container, datastore, server, grades.get(ProbeKind.LIVENESS))));
        return findings;
    }

    /** {@code graded}: the grade of the container's probe of this kind, null when it has none. */
    private List<Finding> evaluate(Container container, ContainerRole role, ProbeKind kind, RoleLimits limits,
                                   ServerContext server, Classification graded) {
        boolean datastore = role == ContainerRole.DATASTORE;
        String name = container.name();
        Probe probe = probe(container, kind);
        Requirement requirement = limits.of(kind);
        if (probe == null) {
            if (requirement.required()) {
                return List.of(Finding.fail(name, kind.label() + " depth " + Depth.NONE.describe() + " is below the minimum "
                        + requirement.minimum().describe() + ": there is no " + kind.field() + ", " + missingConsequence(kind),
                        fix(kind, requirement.minimum(), container, server)));
            }
            return List.of();
        }
        if (datastore && graded.replicaOnly() && !server.alwaysReplica()) {
            return List.of(Finding.fail(name, kind.label() + " never passes on a master, and this container may run as one (it is not"
                            + " configured as a replica: REDIS_REPLICATION_MODE=replica or --replicaof): " + graded.explanation(),
                    fix(kind, kind == ProbeKind.LIVENESS ? Depth.PROTOCOL : Depth.SERVING, container, server)));
        }
        List<Finding> findings = new ArrayList<>();
        findings.add(grade(container, role, kind, graded, requirement, limits.livenessMaximum(), server));
        findings.addAll(timingAndPortAdvice(container, kind, probe));
        return findings;
    }

    private static boolean unchanged(Container before, Container after, ProbeKind kind) {
        return before != null && Objects.equals(probe(before, kind), probe(after, kind));
    }

    private static List<Finding> repeatedIf(boolean repeated, List<Finding> findings) {
        return repeated ? findings.stream().map(Finding::asRepeated).toList() : findings;
    }

    private Finding grade(Container container, ContainerRole role, ProbeKind kind, Classification graded, Requirement requirement,
                          Depth livenessMaximum, ServerContext server) {
        String name = container.name();
        String depth = kind.label() + " depth " + graded.depth().describe();
        if (graded.depth().isBelow(requirement.minimum())) {
            // The explanation says what the probe proves; the user also needs what the minimum proves that it does not.
            return Finding.fail(name, depth + " is below the minimum " + requirement.minimum().describe() + ": " + graded.explanation()
                            + "; depth " + requirement.minimum().describe() + " proves " + requirement.minimum().meaning(),
                    fix(kind, requirement.minimum(), container, server));
        }
        if (kind == ProbeKind.LIVENESS && graded.depth().isAbove(livenessMaximum)) {
            return Finding.fail(name, depth + " is above the maximum " + livenessMaximum.describe()
                            + ", so it restarts a server that is loading or resyncing: " + graded.explanation(),
                    "use " + ProbeExamples.render(kind, examples.reaching(livenessMaximum, container, server))
                            + " and keep the deep check in readinessProbe");
        }
        String verdict = requirement.minimum() == Depth.NONE ? "; no minimum applies to a " + role.label() + " container"
                : " meets the minimum " + requirement.minimum().describe();
        return Finding.pass(name, depth + verdict + ": " + graded.explanation());
    }

    /** Advice on the pair: the startup window, identical probes, a liveness tied to another pod ({@code livenessGrade}: null without one). */
    private List<Finding> pairAdvice(Container container, boolean datastore, ServerContext server, Classification livenessGrade) {
        List<Finding> advice = new ArrayList<>();
        String name = container.name();
        Probe liveness = container.liveness();
        Probe readiness = container.readiness();
        if (datastore && liveness != null && container.startup() == null) {
            int window = liveness.initialDelaySeconds() + liveness.failureThreshold() * liveness.periodSeconds();
            if (window < settings.loadBudgetSeconds()) {
                String message = "liveness can restart the server " + window + " s after it starts, before a large dataset has loaded"
                        + " (no startupProbe; load budget " + settings.loadBudgetSeconds() + " s): initialDelaySeconds "
                        + liveness.initialDelaySeconds() + " + failureThreshold " + liveness.failureThreshold() + " x periodSeconds "
                        + liveness.periodSeconds();
                int threshold = (settings.loadBudgetSeconds() + 9) / 10;
                String fix = "add " + ProbeExamples.render(ProbeKind.STARTUP, examples.reaching(Depth.SERVING, container, server))
                        + " with periodSeconds: 10, failureThreshold: " + threshold + ", or raise the liveness initialDelaySeconds";
                advice.add(settings.startupGapFails() ? Finding.fail(name, message, fix) : Finding.warn(name, message, fix));
            }
        }
        if (liveness != null && readiness != null && liveness.action().equals(readiness.action())) {
            advice.add(Finding.warn(name, "readiness and liveness run the same check, so whatever makes the pod unready also restarts it",
                    datastore
                            ? "use " + ProbeExamples.render(ProbeKind.LIVENESS, examples.reaching(Depth.PROTOCOL, container, server))
                                    + ", which passes while loading"
                            : "make liveness a cheaper check than readiness (e.g. tcpSocket or /healthz)"));
        }
        if (livenessGrade != null && livenessGrade.dependsOnOtherPod()) {
            advice.add(Finding.warn(name, "liveness also checks another pod, so a master outage restarts every replica: "
                            + livenessGrade.explanation(),
                    "check only this server in liveness, e.g. "
                            + ProbeExamples.render(ProbeKind.LIVENESS, examples.reaching(Depth.PROTOCOL, container, server))));
        }
        return advice;
    }

    private static List<Finding> timingAndPortAdvice(Container container, ProbeKind kind, Probe probe) {
        List<Finding> advice = new ArrayList<>();
        if (probe.timeoutSeconds() >= probe.periodSeconds()) {
            advice.add(Finding.warn(container.name(), kind.label() + " timeoutSeconds " + probe.timeoutSeconds()
                            + " is not below periodSeconds " + probe.periodSeconds()
                            + ": a slow probe delays the next one, so failures are noticed later than planned",
                    "set " + kind.field() + " timeoutSeconds below periodSeconds, e.g. " + Math.max(1, probe.periodSeconds() - 1)));
        }
        String port = port(probe.action());
        if (port != null && !declares(container, port)) {
            boolean named = !port.chars().allMatch(Character::isDigit);
            if (named) {
                advice.add(Finding.warn(container.name(), kind.label() + " probe port \"" + port
                                + "\" is not a port name of the container: the kubelet cannot resolve it, so the probe always fails",
                        "name the port under ports: or probe a declared one (" + declared(container) + ")"));
            } else if (!container.ports().isEmpty()) {
                advice.add(Finding.warn(container.name(), kind.label() + " probe port " + port
                                + " is not declared by the container (" + declared(container) + "), so it may probe the wrong port",
                        "probe a declared port or declare " + port + " under ports:"));
            }
        }
        return advice;
    }

    private static String missingConsequence(ProbeKind kind) {
        return switch (kind) {
            case READINESS -> "so the pod counts as ready as soon as the container starts, even while it loads";
            case LIVENESS -> "so a server that stopped answering is never restarted";
            case STARTUP -> "so liveness starts checking at once";
        };
    }

    private String fix(ProbeKind kind, Depth minimum, Container container, ServerContext server) {
        return "use " + ProbeExamples.render(kind, examples.reaching(minimum, container, server))
                + examples.requirements(minimum, container, server);
    }

    private static Probe probe(Container container, ProbeKind kind) {
        return switch (kind) {
            case READINESS -> container.readiness();
            case LIVENESS -> container.liveness();
            case STARTUP -> container.startup();
        };
    }

    private static String port(Probe.Action action) {
        if (action instanceof Probe.HttpGet http) {
            return http.port();
        }
        if (action instanceof Probe.TcpSocket tcp) {
            return tcp.port();
        }
        if (action instanceof Probe.Grpc grpc) {
            return String.valueOf(grpc.port());
        }
        return null;
    }

    private static boolean declares(Container container, String port) {
        return container.ports().stream()
                .anyMatch(p -> port.equals(p.name()) || port.equals(String.valueOf(p.containerPort())));
    }

    private static String declared(Container container) {
        if (container.ports().isEmpty()) {
            return "it declares none";
        }
        return "declared: " + String.join(", ", container.ports().stream()
                .map(p -> p.name() == null ? String.valueOf(p.containerPort()) : p.name() + "=" + p.containerPort()).toList());
    }
}
