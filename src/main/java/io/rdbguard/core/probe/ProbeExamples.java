package io.rdbguard.core.probe;

import io.rdbguard.core.workload.Container;
import io.rdbguard.core.workload.Probe;
import java.util.stream.Collectors;

/**
 * Concrete probes that reach a depth on a container: what a fix suggests. Each datastore module writes its own for
 * its servers; {@link #GENERIC} serves every other container.
 */
public interface ProbeExamples {

    /** The simplest probe of this container that reaches {@code depth}; {@code server} is what the pod spec says about it. */
    Probe.Action reaching(Depth depth, Container container, ServerContext server);

    /** What else that probe needs to work (a password, a volume), as a clause for the fix; "" when nothing. */
    String requirements(Depth depth, Container container, ServerContext server);

    /** A TCP check, then HTTP health and readiness endpoints on the container's first declared port. */
    ProbeExamples GENERIC = new ProbeExamples() {
        @Override
        public Probe.Action reaching(Depth depth, Container container, ServerContext server) {
            String port = container.ports().isEmpty() ? "<port>" : String.valueOf(container.ports().get(0).containerPort());
            if (!depth.isAbove(Depth.PORT)) {
                return new Probe.TcpSocket(port);
            }
            return new Probe.HttpGet(depth == Depth.PROTOCOL ? "/healthz" : "/readyz", port, "HTTP");
        }

        @Override
        public String requirements(Depth depth, Container container, ServerContext server) {
            return "";
        }
    };

    /** "readinessProbe exec: {command: [...]}" as a user would write it. */
    static String render(ProbeKind kind, Probe.Action action) {
        String body;
        if (action instanceof Probe.Exec exec) {
            body = "exec: {command: [" + exec.command().stream().map(ProbeExamples::quote).collect(Collectors.joining(", ")) + "]}";
        } else if (action instanceof Probe.HttpGet http) {
            body = "httpGet: {path: " + http.path() + ", port: " + http.port() + "}";
        } else if (action instanceof Probe.TcpSocket tcp) {
            body = "tcpSocket: {port: " + tcp.port() + "}";
        } else {
            body = "grpc: {port: " + ((Probe.Grpc) action).port() + "}";
        }
        return kind.field() + " " + body;
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
