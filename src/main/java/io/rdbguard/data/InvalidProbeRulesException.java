package io.rdbguard.data;

/** A probe rules file that cannot be used; the message names the file, the entry and the problem. */
public class InvalidProbeRulesException extends RuntimeException {

    public InvalidProbeRulesException(String message, Throwable cause) {
        super(message, cause);
    }
}
