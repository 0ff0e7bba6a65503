package io.rdbguard.kube;

/** Input the audit could not judge, and why; the rest is still audited and the exit code is 2. */
public record Problem(Location location, String message) {

    public String describe() {
        return location.describe() + ": " + message;
    }
}
