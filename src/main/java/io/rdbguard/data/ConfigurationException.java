package io.rdbguard.data;

/**
 * A configuration or data file rdb-guard cannot use (policy, catalog, probe rules). The message names the file,
 * the place inside it, what is wrong and what to do, because an admin reads it in a log or a health response.
 */
public final class ConfigurationException extends Exception {

    public ConfigurationException(String file, String place, String problem) {
        this(file, place, problem, null);
    }

    public ConfigurationException(String file, String place, String problem, Throwable cause) {
        super(file + (place == null || place.isEmpty() ? "" : ", at " + place) + ": " + problem, cause);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
