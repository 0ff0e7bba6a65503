package io.rdbguard.webhook;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.rdbguard.kube.ClusterObjects;
import io.rdbguard.kube.LiveStates;
import io.rdbguard.kube.OnLookupFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wires the reads of the cluster that the StatefulSet reviews and the Helm pre-flight share: one pool of lookup
 * threads, one deadline (rdb-guard.lookup-deadline), one failure policy (rdb-guard.on-lookup-failure).
 */
public class LiveStateReads {

    /** Concurrent reads: a few at a time are enough for a review and bound what one review can hold. */
    private static final int LOOKUP_THREADS = 4;

    @Produces
    @ApplicationScoped
    LiveStates liveStates(KubernetesClient client,
                          @ConfigProperty(name = "rdb-guard.lookup-deadline") Duration deadline,
                          @ConfigProperty(name = "rdb-guard.on-lookup-failure") OnLookupFailure onFailure,
                          @ConfigProperty(name = "rdb-guard.read-live-state") boolean readLiveState) {
        return new LiveStates(new ClusterObjects(client), Executors.newFixedThreadPool(LOOKUP_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "rdb-guard-lookup");
            thread.setDaemon(true);
            return thread;
        }), deadline, onFailure, readLiveState);
    }
}
