package io.rdbguard.core.annotation;

/** An annotation value rdb-guard cannot use; the message says what is wrong and shows a valid value. */
public class InvalidAnnotationException extends Exception {

    public InvalidAnnotationException(String message) {
        super(message);
    }
}
