package io.rdbguard.truth;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of its own (Debian's binary, this test's config, dir and free loopback port), stopped by
 * {@link #close()} whatever happened. Debian's packaged service plays no part: it is never started or contacted.
 */
public final class RedisServer implements AutoCloseable {

    public static final Path SERVER = Path.of("/usr/bin/redis-server");
    public static final Path CLI = Path.of("/usr/bin/redis-cli");

    public final int port;
    final Path dir;
    private final Process process;

    private RedisServer(int port, Path dir, Process process) {
        this.port = port;
        this.dir = dir;
        this.process = process;
    }

    /** Starts a server with these config lines (besides port, bind, dir and no saving) and waits until it accepts connections. */
    public static RedisServer start(Path dir, Path logs, String name, String... config) throws IOException, InterruptedException {
        int port = freePort();
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>(List.of("port " + port, "bind 127.0.0.1", "dir " + dir, "dbfilename " + name + ".rdb",
                "save \"\"", "appendonly no", "daemonize no", "logfile \"\"", "repl-diskless-sync-delay 0"));
        lines.addAll(List.of(config));
        Path conf = Files.write(logs.resolve(name + ".conf"), lines);
        Process process = new ProcessBuilder(SERVER.toString(), conf.toString())
                .redirectErrorStream(true).redirectOutput(logs.resolve(name + ".log").toFile()).start();
        RedisServer server = new RedisServer(port, dir, process);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!server.accepts()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                server.close();
                throw new IllegalStateException("redis-server " + name + " did not start; see " + logs.resolve(name + ".log"));
            }
            Thread.sleep(20);
        }
        return server;
    }

    boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs the real redis-cli against this server with the password, for set-up and state checks. */
    String cli(String password, String... command) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(CLI.toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "--no-auth-warning"));
        if (password != null) {
            argv.addAll(List.of("-a", password));
        }
        argv.addAll(List.of(command));
        Process cli = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(cli.getInputStream().readAllBytes()).replace("\r", "");
        if (!cli.waitFor(10, TimeUnit.SECONDS)) {
            cli.destroyForcibly();
        }
        return out;
    }

    /** The value of an INFO field, e.g. loading or master_link_status. */
    String info(String password, String field) throws IOException, InterruptedException {
        for (String line : cli(password, "info").split("\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).trim();
            }
        }
        return "";
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
