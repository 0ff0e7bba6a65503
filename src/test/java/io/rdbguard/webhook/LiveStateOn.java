package io.rdbguard.webhook;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Reads of pods and volumes on, for the test classes that run the fabric8 mock API server (the others have no API to
 * read and judge by templates), with a short deadline so that a lookup that hangs is cut off quickly. The deadline is
 * set under its old name, which installations may still use: the timeout test's message proves it is read.
 */
public class LiveStateOn implements QuarkusTestResourceLifecycleManager {

    static final String DEADLINE_MILLIS = "1000";

    @Override
    public Map<String, String> start() {
        return Map.of("rdb-guard.read-live-state", "true", "rdb-guard.helm.lookup-deadline", DEADLINE_MILLIS + "ms");
    }

    @Override
    public void stop() {
    }
}
