package io.rdbguard.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code rdb-guard}: without a subcommand, it serves the webhook. */
@Command(name = "rdb-guard", mixinStandardHelpOptions = true,
        description = "Admission webhook and offline audit for Redis-family StatefulSets: snapshot-format swaps and probe depth.",
        subcommands = {ServeCommand.class, AuditCommand.class})
public class RdbGuardCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return new ServeCommand().call();
    }
}
