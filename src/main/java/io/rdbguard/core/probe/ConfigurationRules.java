package io.rdbguard.core.probe;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a depth-4 readiness asserts against the running server, and what in a pod says it supplies a password.
 *
 * @param dataDir       finds an assertion that CONFIG GET dir is a path, captured in a group named {@code dir}
 * @param authRequired  finds an assertion that the server refuses a client that sends no password
 * @param passwordEnv   env variable names through which a pod gives the server or its clients a password
 * @param passwordMount mount paths of Secret volumes that hold a password
 */
public record ConfigurationRules(Pattern dataDir, Pattern authRequired, Pattern passwordEnv, Pattern passwordMount) {

    Optional<String> assertedDataDir(String script) {
        Matcher m = dataDir.matcher(script);
        return m.find() ? Optional.of(m.group("dir")) : Optional.empty();
    }

    boolean assertsAuthRequired(String script) {
        return authRequired.matcher(script).find();
    }
}
