package io.rdbguard.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.InputStream;
import java.time.Clock;

/**
 * What the audit takes from the world besides its arguments; tests pass their own (a mock cluster, a fixed stdin).
 *
 * @param terminal stdout is a terminal: colour and a progress bar
 */
public record AuditEnvironment(InputStream stdin, boolean terminal, Clock clock, ClusterConnector cluster) {

    /** A client for a kubeconfig context (null: the current one), or the in-cluster service account. */
    @FunctionalInterface
    public interface ClusterConnector {
        KubernetesClient connect(String context);
    }

    public static AuditEnvironment system() {
        return new AuditEnvironment(System.in, System.console() != null && System.getenv("NO_COLOR") == null,
                Clock.systemUTC(), AuditEnvironment::connect);
    }

    /** A client for the kubeconfig context (or in-cluster); an unreachable cluster fails after one short try, not 30 s. */
    private static KubernetesClient connect(String context) {
        Config config = Config.autoConfigure(context);
        config.setRequestRetryBackoffLimit(0);
        config.setConnectionTimeout(5_000);
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
