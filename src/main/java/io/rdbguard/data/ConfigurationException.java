package io.rdbguard.data;

/**
 * A configuration or data file rdb-guard cannot use. The message names the file, the place inside it,
 * what is wrong and what to do, because an admin reads it in a log or a health response.
 */
public final class ConfigurationException extends Exception {

    public ConfigurationException(String source, String path, String problem) {
        super(source + (path == null || path.isEmpty() ? "" : ": " + path) + ": " + problem);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
