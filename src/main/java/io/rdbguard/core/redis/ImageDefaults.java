package io.rdbguard.core.redis;

import java.util.List;

/**
 * What an image runs when the pod sets neither command nor args: its ENTRYPOINT and CMD, with the Dockerfile they
 * come from. Kubernetes replaces ENTRYPOINT with {@code command} and CMD with {@code args}; a command drops the CMD.
 */
public record ImageDefaults(List<String> entrypoint, List<String> cmd, String source) {

    public ImageDefaults {
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
    }
}
