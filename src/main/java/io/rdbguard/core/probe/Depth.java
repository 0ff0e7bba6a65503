package io.rdbguard.core.probe;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How much a passing probe proves about a server, in increasing order. Each level includes the ones below it. */
public enum Depth {
    NONE("nothing: there is no probe, or it always passes"),
    PORT("the port accepts TCP connections"),
    PROTOCOL("the server answers its protocol (PING, HTTP, gRPC), even while it is still loading"),
    SERVING("the server can serve correct data now: PONG and not LOADING, loading:0, link up, a readiness endpoint"),
    CONFIGURED("the server can serve correct data now, and its start-up configuration completed (a marker written by the entrypoint)");

    private final String meaning;

    Depth(String meaning) {
        this.meaning = meaning;
    }

    public int level() {
        return ordinal();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
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
