package io.rdbguard.data;

/**
 * A catalog file that cannot be used. The message names the file, the place inside it
 * ({@code repositories[3].family}) and what to do about it.
 */
public class CatalogException extends Exception {

    public CatalogException(String file, String place, String problem) {
        super(file + (place.isEmpty() ? "" : ", at " + place) + ": " + problem);
    }

    public CatalogException(String file, String place, String problem, Throwable cause) {
        super(file + (place.isEmpty() ? "" : ", at " + place) + ": " + problem, cause);
    }
}
