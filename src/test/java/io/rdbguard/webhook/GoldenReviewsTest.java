package io.rdbguard.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The wire format, pinned: each folder under src/test/resources/reviews holds a request as kube-apiserver sends it
 * and the exact response rdb-guard must give (see the README there).
 */
@QuarkusTest
@TestProfile(GoldenReviewsTest.Policy.class)
@QuarkusTestResource(TestEnvironment.class)
class GoldenReviewsTest {

    public static class Policy extends OwnPolicyFile {
    }

    static final Path CASES = Path.of("src/test/resources/reviews");
    static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource(value = "/validate", tls = true)
    URL validate;

    @Inject
    LiveEngine liveEngine;

    static Stream<String> cases() throws IOException {
        try (Stream<Path> folders = Files.list(CASES)) {
            return folders.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void the_webhook_gives_the_golden_response(String name) throws Exception {
        Path folder = CASES.resolve(name);
        Path policy = folder.resolve("policy.yaml");
        TestEnvironment.usePolicy(liveEngine, Files.exists(policy) ? Files.readString(policy) : "");

        HttpResponse<String> response = TrustingClient.create(HttpClient.Version.HTTP_1_1).send(
                HttpRequest.newBuilder(validate.toURI()).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofFile(folder.resolve("request.json"))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        JsonNode actual = JSON.readTree(response.body());
        Path golden = folder.resolve("response.json");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n");
        }
        assertEquals(JSON.readTree(golden.toFile()), actual);
    }

    @AfterEach
    void restoreTheDefaultPolicy() throws IOException {
        TestEnvironment.usePolicy(liveEngine, "");
    }
}
