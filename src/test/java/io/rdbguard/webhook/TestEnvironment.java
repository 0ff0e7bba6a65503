package io.rdbguard.webhook;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.RestAssured;
import io.restassured.config.SSLConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What the webhook needs before it starts in a test: a serving certificate made by the project's own
 * certs/generate.sh (so the script is exercised on every build). A test class that needs its own policy uses
 * {@link OwnPolicyFile}.
 */
public class TestEnvironment implements QuarkusTestResourceLifecycleManager {

    static final Path CERTS = Path.of("target/test-certs");

    @Override
    public Map<String, String> start() {
        try {
            Process process = new ProcessBuilder("bash", "certs/generate.sh", "--out", CERTS.toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("certs/generate.sh failed:\n" + output);
            }
            // REST Assured verifies the webhook's certificate against the test CA, as kube-apiserver does with caBundle.
            RestAssured.config = RestAssured.config().sslConfig(SSLConfig.sslConfig().trustStore(TrustingClient.testCa()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot trust the test CA", e);
        }
        return Map.of();
    }

    @Override
    public void stop() {
    }

    /** Makes the webhook use this admin policy now ("" for the defaults), as a ConfigMap edit would. */
    static void usePolicy(LiveEngine liveEngine, String yaml) throws IOException {
        Path file = ConfigProvider.getConfig().getOptionalValue("rdb-guard.policy-file", Path.class)
                .orElseThrow(() -> new IllegalStateException("this test class has no policy file of its own; see OwnPolicyFile"));
        Files.writeString(file, yaml);
        liveEngine.reloadIfChanged();
    }
}
