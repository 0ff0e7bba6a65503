package io.rdbguard.packaged;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, observation 4: a client that trickles bytes reset the idle timer with each one and was never timed out;
 * thousands of them grew the pod's memory. Now the TLS handshake has a deadline
 * (quarkus.tls.webhook.handshake-timeout) and so has the request body (rdb-guard.request-timeout), however slowly
 * the bytes come. The deadlines are not measured here: the tests only prove the server does not wait for ever.
 */
class SlowClientsIT {

    private static final Duration TRICKLE = Duration.ofMillis(250);
    private static final Duration DOES_NOT_HANG = Duration.ofSeconds(40);

    @Test
    void a_tls_handshake_trickled_byte_by_byte_is_cut_off() throws Exception {
        try (PackagedJar jar = PackagedJar.start(Map.of())) {
            jar.awaitReady(PackagedJar.START_DEADLINE);
            try (Socket socket = new Socket("127.0.0.1", jar.httpsPort())) {
                // The first bytes of a TLS 1.2 ClientHello record, one at a time.
                byte[] hello = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03};
                CompletableFuture<Boolean> closed = closedByServer(socket);
                trickle(socket.getOutputStream(), hello, closed);
                assertTrue(closed.get(DOES_NOT_HANG.toSeconds(), TimeUnit.SECONDS), "the server never closed the connection");
            }
        }
    }

    @Test
    void a_request_body_trickled_byte_by_byte_gets_408_naming_the_setting() throws Exception {
        try (PackagedJar jar = PackagedJar.start(Map.of("rdb-guard.request-timeout", "2s"))) {
            jar.awaitReady(PackagedJar.START_DEADLINE);
            byte[] body = LoadReviews.realistic().getBytes(StandardCharsets.UTF_8);
            try (SSLSocket socket = (SSLSocket) jar.sslContext().getSocketFactory().createSocket("localhost", jar.httpsPort())) {
                socket.startHandshake();
                OutputStream out = socket.getOutputStream();
                out.write(("POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                CompletableFuture<String> response = CompletableFuture.supplyAsync(() -> readAll(socket));
                trickle(out, body, response);
                String answer = response.get(DOES_NOT_HANG.toSeconds(), TimeUnit.SECONDS);
                assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
                assertTrue(answer.contains("rdb-guard.request-timeout"), answer);
            }
        }
    }

    /** Sends one byte per TRICKLE until the bytes run out or the server has answered or closed. */
    private static void trickle(OutputStream out, byte[] bytes, CompletableFuture<?> done) throws InterruptedException {
        for (byte b : bytes) {
            if (done.isDone()) {
                return;
            }
            try {
                out.write(b);
                out.flush();
            } catch (IOException closedByServer) {
                return;
            }
            Thread.sleep(TRICKLE.toMillis());
        }
    }

    private static CompletableFuture<Boolean> closedByServer(Socket socket) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                socket.setSoTimeout((int) DOES_NOT_HANG.toMillis());
                InputStream in = socket.getInputStream();
                while (in.read() >= 0) {
                    // a TLS alert may come before the close
                }
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        });
    }

    private static String readAll(Socket socket) {
        try {
            socket.setSoTimeout((int) DOES_NOT_HANG.toMillis());
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "no answer: " + e;
        }
    }
}
