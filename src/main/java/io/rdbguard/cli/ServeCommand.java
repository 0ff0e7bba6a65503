package io.rdbguard.cli;

import io.quarkus.runtime.Quarkus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code rdb-guard serve} (the default): the admission webhook on HTTPS 8443, management on 9000, until SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Serve the admission webhook (HTTPS 8443, health and metrics on 9000); configured by application properties.")
public class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Quarkus.waitForExit();
        return 0;
    }
}
