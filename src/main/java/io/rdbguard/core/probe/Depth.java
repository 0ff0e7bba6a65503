package io.rdbguard.core.probe;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How much a passing probe proves about a server, in increasing order; each level includes the ones below it. Each is
 * a claim about the server states the probe fails in, measured on real servers by the truth suite (ProbeTruthTest).
 */
public enum Depth {
    NONE("nothing: there is no probe, it passes whatever the server does, or it cannot pass on a server that serves"),
    PORT("the port accepts TCP connections (Redis opens it before its dataset has loaded)"),
    PROTOCOL("the server answers its protocol (PING, HTTP, gRPC), even while it is still loading"),
    SERVING("the server serves now: the probe fails while the dataset loads, when the password is refused and on MASTERDOWN"),
    CONFIGURED("the server serves and runs the intended configuration: CONFIG GET dir is the pod's persistent volume and it requires the pod's password");

    private final String meaning;
    /** Made once: every probe-depth message names depths. */
    private final String label = name().toLowerCase(Locale.ROOT);

    Depth(String meaning) {
        this.meaning = meaning;
    }

    public int level() {
        return ordinal();
    }

    public String label() {
        return label;
    }

    public String meaning() {
        return meaning;
    }

    /** "3 (serving)": how messages name a depth. */
    public String describe() {
        return level() + " (" + label() + ")";
    }

    public boolean isBelow(Depth other) {
        return compareTo(other) < 0;
    }

    public boolean isAbove(Depth other) {
        return compareTo(other) > 0;
    }

    public static Optional<Depth> parse(String label) {
        return Arrays.stream(values()).filter(d -> d.label().equals(label)).findFirst();
    }

    public static String choices() {
        return Arrays.stream(values()).map(Depth::label).collect(Collectors.joining(", "));
    }
}
