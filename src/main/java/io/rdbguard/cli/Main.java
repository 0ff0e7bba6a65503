package io.rdbguard.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import java.util.List;
import picocli.CommandLine;

/**
 * The jar's entry point. {@code serve} (or no argument) runs the webhook as always; anything else is the command line,
 * which runs under the {@value #CLI_PROFILE} profile: no HTTP listeners, no serving certificate, logs on stderr
 * (see application.properties). The profile must be chosen before Quarkus reads its configuration, hence here.
 */
@QuarkusMain
public class Main {

    static final String CLI_PROFILE = "cli";
    private static final List<String> SERVE = List.of("serve");

    public static void main(String... args) {
        if (!isServe(args) && System.getProperty("quarkus.profile") == null && System.getenv("QUARKUS_PROFILE") == null) {
            System.setProperty("quarkus.profile", CLI_PROFILE);
        }
        Quarkus.run(Application.class, args);
    }

    static boolean isServe(String... args) {
        return args.length == 0 || SERVE.contains(args[0]);
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
