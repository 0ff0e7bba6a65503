package io.rdbguard.kube;

/**
 * A request the webhook cannot answer with a verdict (bad body, wrong version, ...). It becomes a 4xx with a
 * Kubernetes Status body, never a 500; it is the caller's mistake, so it is not logged at ERROR.
 */
public final class BadReviewException extends RuntimeException {

    private final int status;

    public BadReviewException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
