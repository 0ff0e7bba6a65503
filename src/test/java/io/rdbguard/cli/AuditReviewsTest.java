package io.rdbguard.cli;

import static io.rdbguard.cli.Cli.cli;
import static io.rdbguard.cli.Cli.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** An AdmissionReview file gets the verdict, denial message and warnings of the webhook's golden response. */
class AuditReviewsTest {

    static Stream<String> goldenCases() throws IOException {
        try (Stream<Path> folders = Files.list(Path.of(resource("reviews")))) {
            return folders.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void an_admission_review_is_judged_exactly_as_the_webhook_answered_it(String name) throws IOException {
        Path folder = Path.of(resource("reviews/" + name));
        JsonNode golden = new ObjectMapper().readTree(folder.resolve("response.json").toFile()).get("response");
        List<String> args = new ArrayList<>(List.of(folder.resolve("request.json").toString(), "-o", "json"));
        if (Files.exists(folder.resolve("policy.yaml"))) {
            args.addAll(List.of("--policy", folder.resolve("policy.yaml").toString()));
        }

        Cli.Run run = cli().audit(args.toArray(String[]::new));

        JsonNode workloads = run.json().get("workloads");
        boolean allowed = golden.get("allowed").asBoolean();
        assertEquals(allowed ? 0 : 1, run.exitCode(), run::toString);
        if (workloads.isEmpty()) {
            assertTrue(allowed, "only an allowed review may be left unjudged");
            assertTrue(run.json().get("notes").get(0).asText().contains("rdb-guard does not judge it"), run::toString);
            return;
        }
        JsonNode verdict = workloads.get(0);
        assertEquals(allowed, verdict.get("allowed").asBoolean(), run::toString);
        assertEquals(golden.path("status").path("message").asText(""), verdict.path("denialMessage").asText(""));
        JsonNode warnings = golden.has("warnings") ? golden.get("warnings") : new ObjectMapper().createArrayNode();
        assertEquals(warnings, verdict.get("warnings"));
    }
}
