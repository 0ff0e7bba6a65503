package io.rdbguard.helm;

/**
 * A release record larger than rdb-guard judges as a whole. Not a reason to deny: each workload in it is still judged
 * by the per-object webhook when Helm applies it.
 */
public final class ReleaseTooLargeException extends InvalidReleaseException {
    public ReleaseTooLargeException(String message) {
        super(message);
    }
}
