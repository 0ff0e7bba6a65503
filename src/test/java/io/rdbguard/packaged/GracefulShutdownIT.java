package io.rdbguard.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, observation 3: on SIGTERM, requests arriving on connections kube-apiserver already holds open were
 * dropped in the first second. Now readiness goes DOWN first, kept-alive HTTP/1.1 connections are told to close on
 * their next response, HTTP/2 connections get a GOAWAY, and the listener keeps answering until
 * quarkus.shutdown.delay has passed; only then do in-flight requests drain and the JVM stops.
 */
class GracefulShutdownIT {

    private static final int CLIENTS_PER_PROTOCOL = 4;
    private static final Duration AFTER_SIGTERM = Duration.ofSeconds(1);

    record Outcome(HttpClient.Version version, boolean afterSigterm, boolean afterReadinessDown, int status, boolean closes,
                   String failure) {
    }

    @Test
    void sigterm_under_keep_alive_load_loses_no_request_and_tells_clients_to_reconnect_elsewhere() throws Exception {
        try (PackagedJar jar = PackagedJar.start(Map.of())) {
            jar.awaitReady(PackagedJar.START_DEADLINE);
            String review = LoadReviews.realistic();
            AtomicReference<Instant> sigterm = new AtomicReference<>();
            AtomicReference<Instant> readinessDown = new AtomicReference<>();
            ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
            ExecutorService threads = Executors.newFixedThreadPool(2 * CLIENTS_PER_PROTOCOL);
            List<Future<?>> clients = new ArrayList<>();
            for (HttpClient.Version version : List.of(HttpClient.Version.HTTP_1_1, HttpClient.Version.HTTP_2)) {
                for (int i = 0; i < CLIENTS_PER_PROTOCOL; i++) {
                    HttpClient client = jar.client(version);
                    clients.add(threads.submit(() -> keepSending(jar, client, review, sigterm, readinessDown, outcomes)));
                }
            }
            while (outcomes.size() < 50) {
                Thread.sleep(10);
            }
            List<Outcome> answeredBeforeSigterm = List.copyOf(outcomes);
            sigterm.set(Instant.now());
            jar.terminate();
            awaitReadinessDown(jar);
            readinessDown.set(Instant.now());
            for (Future<?> client : clients) {
                client.get();
            }
            threads.shutdown();

            List<Outcome> after = outcomes.stream().filter(Outcome::afterSigterm).toList();
            assertTrue(after.size() > 0, "no request was sent after SIGTERM");
            Map<String, Long> lost = outcomes.stream().filter(o -> o.status() != 200).collect(Collectors.groupingBy(
                    o -> o.version() + (o.afterSigterm() ? " after" : " before") + " SIGTERM: "
                            + (o.failure() == null ? "status " + o.status() : o.failure()), Collectors.counting()));
            assertEquals(Map.of(), lost, "dropped or refused requests out of " + outcomes.size());
            assertTrue(outcomes.stream().filter(o -> o.afterReadinessDown() && o.version() == HttpClient.Version.HTTP_1_1)
                    .allMatch(Outcome::closes), "every HTTP/1.1 response once readiness is DOWN must say Connection: close");
            assertTrue(answeredBeforeSigterm.stream().noneMatch(Outcome::closes),
                    "before SIGTERM connections are kept alive");
            jar.stop(Duration.ofSeconds(60));
            assertTrue(jar.output().contains("rdb-guard stopped"), jar.output());
        }
    }

    /** Waits until readiness says DOWN (the JVM handles SIGTERM asynchronously); the listener still answers. */
    private static void awaitReadinessDown(PackagedJar jar) throws Exception {
        Instant deadline = Instant.now().plus(AFTER_SIGTERM);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            last = jar.readiness().body();
            if (last.contains("\"status\": \"DOWN\"")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("readiness still UP a second after SIGTERM: " + last);
    }

    /** One kube-apiserver connection: sends reviews back to back until a second after SIGTERM. */
    private static void keepSending(PackagedJar jar, HttpClient client, String review, AtomicReference<Instant> sigterm,
                                    AtomicReference<Instant> readinessDown, ConcurrentLinkedQueue<Outcome> outcomes) {
        while (sigterm.get() == null || Instant.now().isBefore(sigterm.get().plus(AFTER_SIGTERM))) {
            boolean afterSigterm = sigterm.get() != null;
            boolean afterReadinessDown = readinessDown.get() != null;
            try {
                HttpResponse<String> response = client.send(PackagedJar.review(jar.validate(), review),
                        HttpResponse.BodyHandlers.ofString());
                boolean closes = response.headers().firstValue("connection").map("close"::equalsIgnoreCase).orElse(false);
                outcomes.add(new Outcome(client.version(), afterSigterm, afterReadinessDown, response.statusCode(), closes, null));
            } catch (Exception e) {
                outcomes.add(new Outcome(client.version(), afterSigterm, afterReadinessDown, -1, false, e.toString()));
            }
        }
    }
}
