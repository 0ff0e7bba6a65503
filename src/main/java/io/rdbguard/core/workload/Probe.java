package io.rdbguard.core.workload;

import java.util.List;

/**
 * A probe with the Kubernetes defaults already applied (period 10 s, timeout 1 s, failure threshold 3).
 */
public record Probe(
        Action action,
        int initialDelaySeconds,
        int periodSeconds,
        int timeoutSeconds,
        int failureThreshold) {

    public static final int DEFAULT_PERIOD_SECONDS = 10;
    public static final int DEFAULT_TIMEOUT_SECONDS = 1;
    public static final int DEFAULT_FAILURE_THRESHOLD = 3;

    /** What the kubelet does to probe. Ports are kept as written: a number or a named container port. */
    public sealed interface Action permits Exec, HttpGet, TcpSocket, Grpc {
    }

    public record Exec(List<String> command) implements Action {
        public Exec {
            command = List.copyOf(command);
        }
    }

    public record HttpGet(String path, String port, String scheme) implements Action {
    }

    public record TcpSocket(String port) implements Action {
    }

    public record Grpc(int port, String service) implements Action {
    }
}
