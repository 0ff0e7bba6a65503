package io.rdbguard.webhook;

/** The webhook has no usable policy yet; kube-apiserver applies the webhook's failurePolicy. */
public final class NotReadyException extends RuntimeException {
    public NotReadyException(String message) {
        super(message, null, false, false);
    }
}
