package io.rdbguard.core.probe;

import io.rdbguard.core.workload.Probe;
import io.rdbguard.core.redis.ImageIdentifier;
import io.rdbguard.core.redis.RedisFamily;
import io.rdbguard.data.CatalogLoader;
import io.rdbguard.data.ConfigurationException;
import io.rdbguard.data.ProbeRulesLoader;
import java.util.List;

/** Test shorthand for probe definitions as they appear in manifests (Kubernetes default timings). */
final class Probes {

    /** The built-in probe rules. */
    static final ProbeRules CLASSIFIER_RULES;
    /** The classifier with the built-in rules, as the webhook runs it. */
    static final ProbeClassifier CLASSIFIER;
    /** The Redis module with the built-in catalog: roles and example probes. */
    static final RedisFamily REDIS;

    static {
        try {
            CLASSIFIER_RULES = ProbeRulesLoader.builtIn();
            CLASSIFIER = new ProbeClassifier(CLASSIFIER_RULES);
            REDIS = new RedisFamily(new ImageIdentifier(CatalogLoader.builtIn()));
        } catch (ConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }


    private Probes() {
    }

    static Probe exec(String... command) {
        return of(new Probe.Exec(List.of(command)));
    }

    static Probe sh(String script) {
        return exec("sh", "-c", script);
    }

    static Probe bashEc(String script) {
        return exec("/bin/bash", "-ec", script);
    }

    static Probe tcp(String port) {
        return of(new Probe.TcpSocket(port));
    }

    static Probe http(String path, String port) {
        return of(new Probe.HttpGet(path, port, "HTTP"));
    }

    static Probe grpc(int port, String service) {
        return of(new Probe.Grpc(port, service));
    }

    static Probe of(Probe.Action action) {
        return new Probe(action, 0, Probe.DEFAULT_PERIOD_SECONDS, Probe.DEFAULT_TIMEOUT_SECONDS, Probe.DEFAULT_FAILURE_THRESHOLD);
    }
}
