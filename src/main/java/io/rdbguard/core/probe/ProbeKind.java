package io.rdbguard.core.probe;

import java.util.Locale;

/** The three probe kinds of a container, each with its own consequence when it fails. */
public enum ProbeKind {
    /** Failing removes the pod from Service endpoints and holds a rolling update. */
    READINESS,
    /** Failing restarts the container. */
    LIVENESS,
    /** Until it passes, the kubelet runs no liveness or readiness probe. */
    STARTUP;

    /** Made once: messages, logs and metrics ask for it on every result. */
    private final String label = name().toLowerCase(Locale.ROOT);

    public String label() {
        return label;
    }

    /** The field name in a container spec, e.g. {@code readinessProbe}. */
    public String field() {
        return label() + "Probe";
    }
}
