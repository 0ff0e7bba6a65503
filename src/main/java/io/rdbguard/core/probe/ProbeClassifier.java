package io.rdbguard.core.probe;

import io.rdbguard.core.memo.BoundedMemo;
import io.rdbguard.core.workload.Container;
import io.rdbguard.core.workload.Probe;
import io.rdbguard.core.workload.Workload.PodTemplate;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Grades a probe on the {@link Depth} scale. tcpSocket, gRPC and httpGet are graded by their kind (and the HTTP path
 * rules); exec probes by what the kubelet runs ({@link ScriptGrader}). A serving exec probe reaches configured when
 * what it asserts against the running server matches the pod spec ({@link ServerContext}).
 *
 * <p>Clusters run a few distinct probes, sent again with every change, so a grade is remembered per probe action and
 * server context for as long as this classifier (and so its rules) lives: a reload of the probe rules makes a new one.
 */
public final class ProbeClassifier {

    private static final Pattern QUERY_OR_FRAGMENT = Pattern.compile("[?#].*");
    /** Distinct probes a cluster runs; a bound keeps crafted requests from growing the memo without end. */
    static final int MEMO_LIMIT = 2048;
    /** A probe whose text is longer than this (in characters) is graded every time rather than kept. */
    static final int LONGEST_REMEMBERED = 8 * 1024;

    private final ProbeRules rules;
    private final ScriptGrader scripts;
    private final BoundedMemo<Graded, Classification> memo = new BoundedMemo<>(MEMO_LIMIT, Graded::size, LONGEST_REMEMBERED);

    /** What a classification depends on: the probe's action (not its timing) and the server it checks. */
    private record Graded(Probe.Action action, ServerContext server) {

        int size() {
            int size = 0;
            for (String path : server.persistentMountPaths()) {
                size += path.length();
            }
            if (action instanceof Probe.Exec exec) {
                for (String word : exec.command()) {
                    size += word.length();
                }
            } else if (action instanceof Probe.HttpGet http) {
                size += length(http.path()) + length(http.port()) + length(http.scheme());
            } else if (action instanceof Probe.TcpSocket tcp) {
                size += length(tcp.port());
            } else if (action instanceof Probe.Grpc grpc) {
                size += length(grpc.service());
            }
            return size;
        }

        private static int length(String text) {
            return text == null ? 0 : text.length();
        }
    }

    public ProbeClassifier(ProbeRules rules) {
        this.rules = rules;
        this.scripts = new ScriptGrader(rules);
    }

    /** How many distinct probes it remembers now (bounded by {@value #MEMO_LIMIT}). */
    int remembered() {
        return memo.size();
    }

    /** What the pod spec says about the server this container runs, as the configured depth cross-checks it. */
    public ServerContext serverOf(Container container, PodTemplate template) {
        return ServerContext.of(container, template, rules.configuration());
    }

    /** The grade when nothing is known about the pod: no depth-4 claim can be cross-checked. */
    public Classification classify(Probe probe) {
        return classify(probe, ServerContext.UNKNOWN);
    }

    public Classification classify(Probe probe, ServerContext server) {
        return memo.get(new Graded(probe.action(), server), this::classifyNow);
    }

    private Classification classifyNow(Graded graded) {
        Probe.Action action = graded.action();
        ServerContext server = graded.server();
        if (action instanceof Probe.TcpSocket) {
            return new Classification(Depth.PORT, "tcpSocket only proves the port is open", false, false);
        }
        if (action instanceof Probe.Grpc grpc) {
            return new Classification(Depth.PROTOCOL, grpcExplanation(grpc), false, false);
        }
        if (action instanceof Probe.HttpGet http) {
            return classifyHttp(http);
        }
        List<String> command = ((Probe.Exec) action).command();
        if (command.isEmpty()) {
            return new Classification(Depth.NONE, "the exec probe has no command", false, false);
        }
        return configured(scripts.argv(command), server);
    }

    /**
     * gRPC stays at protocol even with a service name: the name only selects which status the application reports,
     * and what SERVING means is the application's choice; no Redis-family server speaks gRPC health.
     */
    private static String grpcExplanation(Probe.Grpc grpc) {
        String service = grpc.service() == null || grpc.service().isEmpty() ? "" : " of service \"" + grpc.service() + "\"";
        return "a gRPC health check" + service + " proves the server answers; what SERVING means is up to the application";
    }

    private Classification classifyHttp(Probe.HttpGet http) {
        String path = http.path() == null || http.path().isEmpty() ? "/" : QUERY_OR_FRAGMENT.matcher(http.path()).replaceFirst("");
        for (HttpPathRule rule : rules.httpRules()) {
            if (rule.appliesTo(path)) {
                return new Classification(rule.depth(), rule.explanation(), false, false);
            }
        }
        return new Classification(Depth.PROTOCOL,
                "an HTTP answer on " + path + " proves the server responds, not that it is ready; readiness endpoints such as /readyz do", false, false);
    }

    /**
     * Configured means the running server is the one the pod spec intends: the probe serves-checks it and asserts that
     * CONFIG GET dir is where this container mounts a persistent volume, and, when the pod supplies a password, that
     * the server refuses a client without it.
     */
    private static Classification configured(Grade grade, ServerContext server) {
        if (grade.replicaOnly() && !server.alwaysReplica()) {
            return new Classification(Depth.NONE, "it never passes on a master: " + grade.explanation(), grade.otherPod(), true);
        }
        String dir = grade.dataDir() == null ? null : ServerContext.normalised(grade.dataDir());
        if (dir == null || grade.depth().isBelow(Depth.SERVING)) {
            return new Classification(grade.depth(), grade.explanation(), grade.otherPod(), grade.replicaOnly());
        }
        String why;
        Depth depth = grade.depth();
        if (!server.persistentMountPaths().contains(dir)) {
            why = grade.explanation() + "; it asserts CONFIG GET dir " + dir + ", but no persistent volume is mounted there in this container ("
                    + (server.persistentMountPaths().isEmpty() ? "none is mounted" : "mounted: " + String.join(", ", server.persistentMountPaths().stream().sorted().toList())) + ")";
        } else if (server.suppliesPassword() && !grade.authRequired()) {
            why = grade.explanation() + "; it asserts the data directory " + dir
                    + ", but not that the server requires the password the pod supplies (a client without it must get NOAUTH)";
        } else {
            depth = Depth.CONFIGURED;
            why = "it requires a serving reply and asserts against the running server that its data directory is the persistent volume at " + dir
                    + (server.suppliesPassword() ? " and that it refuses a client without the pod's password" : "");
        }
        return new Classification(depth, why, grade.otherPod(), grade.replicaOnly());
    }
}
