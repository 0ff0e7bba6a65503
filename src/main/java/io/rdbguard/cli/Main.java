package io.rdbguard.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;

/**
 * The jar's entry point. {@code serve} (or no argument) runs the webhook as always; anything else, and any request for
 * help or the version, is the command line, which runs under the {@value #CLI_PROFILE} profile: no HTTP listeners, no
 * serving certificate, logs on stderr (see application.properties). The profile must be chosen before Quarkus reads its
 * configuration, hence here; so must the check that the serving certificate exists, which otherwise ends in a stack trace.
 */
@QuarkusMain
public class Main {

    static final String CLI_PROFILE = "cli";
    private static final List<String> SERVE = List.of("serve");
    private static final List<String> HELP = List.of("-h", "--help", "-V", "--version", "help");

    public static void main(String... args) {
        boolean serve = isServe(args);
        if (!serve && System.getProperty("quarkus.profile") == null && System.getenv("QUARKUS_PROFILE") == null) {
            System.setProperty("quarkus.profile", CLI_PROFILE);
        }
        if (serve) {
            Optional<String> missing = missingCertificate(System.getProperty("rdb-guard.tls-dir"), System.getenv("RDB_GUARD_TLS_DIR"));
            if (missing.isPresent()) {
                System.err.println(missing.get());
                System.exit(2);
            }
        }
        Quarkus.run(Application.class, args);
    }

    /** Serving the webhook: no argument, or {@code serve} without a request for help or the version. */
    static boolean isServe(String... args) {
        return args.length == 0 || SERVE.contains(args[0]) && List.of(args).stream().noneMatch(HELP::contains);
    }

    /**
     * Why {@code serve} cannot start: a missing {@code tls.crt} or {@code tls.key} in {@code rdb-guard.tls-dir} (system
     * property first, then RDB_GUARD_TLS_DIR, then the default certs/dev, as Quarkus resolves it), with how to make one.
     */
    static Optional<String> missingCertificate(String property, String environment) {
        Path directory = Path.of(property != null ? property : environment != null ? environment : "certs/dev");
        for (String file : List.of("tls.crt", "tls.key")) {
            Path path = directory.resolve(file);
            if (!Files.isReadable(path)) {
                return Optional.of("rdb-guard serve: no serving certificate: " + path + " "
                        + (Files.exists(path) ? "cannot be read" : "does not exist") + " (in " + directory.toAbsolutePath()
                        + "). Make development certificates with certs/generate.sh in the rdb-guard repository (it writes"
                        + " certs/dev), or point RDB_GUARD_TLS_DIR at a directory holding tls.crt and tls.key, e.g. the"
                        + " mounted kubernetes.io/tls Secret. To audit manifests instead, no certificate is needed:"
                        + " rdb-guard audit --help");
            }
        }
        return Optional.empty();
    }

    /** Runs the picocli command line; picocli's factory lets commands be CDI beans should they need one. */
    public static class Application implements QuarkusApplication {

        @Inject
        CommandLine.IFactory factory;

        @Override
        public int run(String... args) {
            return new CommandLine(RdbGuardCommand.class, factory).execute(args);
        }
    }
}
