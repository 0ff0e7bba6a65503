package io.rdbguard.core.probe;

import java.util.List;

/**
 * An exec probe command and the depth its rule claims for it, for the example pod (a datastore whose data directory
 * is a persistent volume mounted at /data and which gets a password). The loader checks that the classifier grades
 * it so; the truth suite runs it against real servers in every state the depth claims to tell apart, unless
 * {@code notRun} says why it cannot (a Sentinel probe, a script only another image has).
 */
public record ProbeExample(List<String> command, Depth depth, String notRun) {

    public ProbeExample {
        command = List.copyOf(command);
    }
}
