package io.rdbguard.kube;

import io.rdbguard.core.engine.UserText;

/**
 * Input the audit could not judge, and why; the rest is still audited and the exit code is 2. The message may quote
 * the input, so it is made one safe line.
 */
public record Problem(Location location, String message) {

    public Problem {
        message = UserText.oneLine(message);
    }

    public String describe() {
        return location.describe() + ": " + message;
    }
}
