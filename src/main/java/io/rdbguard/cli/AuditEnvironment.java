package io.rdbguard.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What the audit takes from the world besides its arguments; tests pass their own (a mock cluster, a fixed stdin).
 *
 * @param stdoutTerminal stdout is a terminal: colour (with {@code --color=auto})
 * @param stderrTerminal stderr is a terminal: a progress bar
 * @param variables      the environment variables ({@code NO_COLOR})
 */
public record AuditEnvironment(InputStream stdin, boolean stdoutTerminal, boolean stderrTerminal,
                               Map<String, String> variables, Clock clock, ClusterConnector cluster) {

    /** A client for a kubeconfig context (null: the current one), or the in-cluster service account. */
    @FunctionalInterface
    public interface ClusterConnector {
        KubernetesClient connect(String context);
    }

    public static AuditEnvironment system() {
        return new AuditEnvironment(System.in, isTerminal(1), isTerminal(2), System.getenv(), Clock.systemUTC(),
                AuditEnvironment::connect);
    }

    /**
     * Whether file descriptor {@code fd} is a terminal. Java 17 cannot ask isatty(3) directly; System.console() is null
     * as soon as stdin is piped, which turned colour off for {@code helm template … | rdb-guard audit -} on a terminal.
     * Linux names the terminal behind each descriptor in /proc; elsewhere System.console() is the best guess.
     */
    static boolean isTerminal(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        try {
            String target = Files.readSymbolicLink(link).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception notLinux) {
            return System.console() != null;
        }
    }

    /** A client for the kubeconfig context (or in-cluster); an unreachable cluster fails after one short try, not 30 s. */
    private static KubernetesClient connect(String context) {
        Config config = Config.autoConfigure(context);
        config.setRequestRetryBackoffLimit(0);
        config.setConnectionTimeout(5_000);
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
