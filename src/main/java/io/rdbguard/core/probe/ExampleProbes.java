package io.rdbguard.core.probe;

import io.rdbguard.core.workload.Container;
import io.rdbguard.core.workload.Probe;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Concrete probes that reach a depth, written for the container at hand: what a fix suggests. */
final class ExampleProbes {

    private ExampleProbes() {
    }

    /**
     * The simplest probe of at least {@code depth} for this container. Configured asserts the data directory (the
     * container's persistent mount, else /data) and, when the pod supplies a password, that the server requires it.
     */
    static Probe.Action reaching(Depth depth, Container container, boolean isDatastore, ServerContext server) {
        String port = String.valueOf(port(container));
        if (!depth.isAbove(Depth.PORT)) {
            return new Probe.TcpSocket(port);
        }
        if (!isDatastore && depth != Depth.CONFIGURED) {
            return new Probe.HttpGet(depth == Depth.PROTOCOL ? "/healthz" : "/readyz", port, "HTTP");
        }
        String cli = cli(container);
        String pong = "[ \"$(" + cli + " -p " + port + " ping)\" = PONG ]";
        return switch (depth) {
            case PROTOCOL -> new Probe.Exec(List.of(cli, "-p", port, "ping"));
            case SERVING -> new Probe.Exec(List.of("sh", "-c", pong));
            default -> new Probe.Exec(List.of("sh", "-c", pong + " && " + configured(cli, port, server)));
        };
    }

    private static String configured(String cli, String port, ServerContext server) {
        String dir = server.persistentMountPaths().stream().sorted().findFirst().orElse("/data");
        String checkDir = "[ \"$(" + cli + " -p " + port + " config get dir | tail -n 1)\" = " + dir + " ]";
        return server.suppliesPassword() ? checkDir + " && env -u REDISCLI_AUTH " + cli + " -p " + port + " ping | grep -q NOAUTH" : checkDir;
    }

    /** "readinessProbe exec: {command: [...]}" as a user would write it. */
    static String render(ProbeKind kind, Probe.Action action) {
        String body;
        if (action instanceof Probe.Exec exec) {
            body = "exec: {command: [" + exec.command().stream().map(ExampleProbes::quote).collect(Collectors.joining(", ")) + "]}";
        } else if (action instanceof Probe.HttpGet http) {
            body = "httpGet: {path: " + http.path() + ", port: " + http.port() + "}";
        } else if (action instanceof Probe.TcpSocket tcp) {
            body = "tcpSocket: {port: " + tcp.port() + "}";
        } else {
            body = "grpc: {port: " + ((Probe.Grpc) action).port() + "}";
        }
        return kind.field() + " " + body;
    }

    /** The CLI that ships in the container's image family. */
    static String cli(Container container) {
        String image = container.image() == null ? "" : container.image().toLowerCase(Locale.ROOT);
        for (String family : List.of("valkey", "redict", "keydb")) {
            if (image.contains(family)) {
                return family + "-cli";
            }
        }
        return "redis-cli";
    }

    private static int port(Container container) {
        return container.ports().isEmpty() ? 6379 : container.ports().get(0).containerPort();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
