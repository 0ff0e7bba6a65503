package io.rdbguard.kube;

import io.rdbguard.core.engine.UserText;

/**
 * A request the webhook cannot answer with a verdict (bad body, wrong version, ...). It becomes a 4xx with a
 * Kubernetes Status body, never a 500; it is the caller's mistake, so it is not logged at ERROR. The message may quote
 * what was sent, so it is made one safe line like every other text a user reads.
 */
public final class BadReviewException extends RuntimeException {

    private final int status;

    public BadReviewException(int status, String message) {
        super(UserText.oneLine(message), null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
