package io.rdbguard.webhook;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A policy file of the test class's own (target/test-policy/CLASS.yaml, empty at start), so that no test class sees
 * another's policy. Each test class that rewrites its policy declares {@code public static class Policy extends
 * OwnPolicyFile {}} and {@code @TestProfile(X.Policy.class)}.
 */
public abstract class OwnPolicyFile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Path file = Path.of("target/test-policy", getClass().getEnclosingClass().getSimpleName() + ".yaml");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("rdb-guard.policy-file", file.toString());
    }
}
