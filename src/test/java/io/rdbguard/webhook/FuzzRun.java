package io.rdbguard.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rdbguard.testing.FuzzCase;
import io.rdbguard.testing.FuzzedReview;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs fuzz cases against the in-process webhook: what went wrong, if anything, and the smallest case that shows it. */
final class FuzzRun {

    /** Far beyond any answer (microseconds to milliseconds): only a hang takes this long. */
    private static final long HANG_SECONDS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InProcessWebhook webhook;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "fuzz-case");
        thread.setDaemon(true);
        return thread;
    });

    FuzzRun(InProcessWebhook webhook) {
        this.webhook = webhook;
    }

    /** The kind of failure this case shows (an exception type and where it was thrown, or a malformed answer), if any. */
    Optional<String> failure(FuzzedReview review) {
        String body = review.body();
        Future<InProcessWebhook.Answer> answer = worker.submit(() -> webhook.post(body));
        try {
            InProcessWebhook.Answer a = answer.get(HANG_SECONDS, TimeUnit.SECONDS);
            List<String> problems = WellFormedAnswer.problems(a.status(), a.body(), uid(body));
            return problems.isEmpty() ? Optional.empty() : Optional.of(problems.get(0));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return Optional.of("500: " + cause + " at " + Arrays.stream(cause.getStackTrace())
                    .filter(frame -> frame.getClassName().startsWith("io.rdbguard.") && !frame.getClassName().contains("Fuzz"))
                    .findFirst().map(String::valueOf).orElse("an unknown place"));
        } catch (TimeoutException e) {
            answer.cancel(true);
            return Optional.of("no answer within " + HANG_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A failure without its details (the values in a message), so that each kind of failure is reported once. */
    static String kind(String failure) {
        return failure.startsWith("500") ? failure.replaceAll(": [^:]* at ", " at ") : failure.replaceAll(":.*", "");
    }

    /** Drops genes while the same failure remains; writes the body of the smallest case and describes it. */
    String shrunk(FuzzCase fuzzCase, String failure, Path directory, int number) throws IOException {
        FuzzedReview seed = fuzzCase.seed();
        List<Long> smallest = new ArrayList<>(fuzzCase.genes());
        for (int i = smallest.size() - 1; i >= 0 && smallest.size() > 1; i--) {
            List<Long> fewer = new ArrayList<>(smallest);
            fewer.remove(i);
            if (failure(seed.mutated(fewer)).map(FuzzRun::kind).filter(kind(failure)::equals).isPresent()) {
                smallest = fewer;
            }
        }
        String body = seed.mutated(smallest).body();
        Files.createDirectories(directory);
        Path file = directory.resolve("failure-" + number + ".json");
        Files.writeString(file, body);
        return "- " + escaped(failure) + "\n  from " + seed.seedName() + " with genes " + smallest + " → " + file;
    }

    /** Control characters as \\uXXXX, so that a report shows them instead of obeying them. */
    private static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                || Character.getType(c) == Character.SURROGATE ? String.format("\\u%04x", c) : Character.toString(c)));
        return out.length() > 600 ? out.substring(0, 600) + "…" : out.toString();
    }

    /** The uid a body sends, as the reader takes it (a number is read as its text); "" when there is none. */
    static String uid(String body) {
        try {
            JsonNode uid = JSON.readTree(body).path("request").path("uid");
            return uid.isValueNode() ? uid.asText() : "";
        } catch (IOException e) {
            return "";
        }
    }
}
