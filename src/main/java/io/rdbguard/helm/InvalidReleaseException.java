package io.rdbguard.helm;

/** A Helm release record that cannot be decoded; the message says which step failed, never the contents. */
public class InvalidReleaseException extends Exception {
    public InvalidReleaseException(String message) {
        super(message);
    }
}
