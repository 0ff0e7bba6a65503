package io.rdbguard.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** {@code rdb-guard}: without a subcommand, it serves the webhook. */
@Command(name = "rdb-guard", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Admission webhook and offline audit for Redis-family StatefulSets and Helm releases: snapshot-format"
                + " swaps and probe depth.",
        subcommands = {ServeCommand.class, AuditCommand.class, HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  rdb-guard serve                        the webhook (certificates: certs/generate.sh)",
                "  helm template mastodon bitnami/redis | rdb-guard audit -",
                "  rdb-guard audit --from old.yaml --to new.yaml   an upgrade, before you apply",
                "  rdb-guard help audit                   every audit option",
                ""})
public class RdbGuardCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return new ServeCommand().call();
    }
}
