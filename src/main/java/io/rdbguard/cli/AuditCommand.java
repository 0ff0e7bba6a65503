package io.rdbguard.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.rdbguard.core.engine.Engine;
import io.rdbguard.core.probe.ExecRule;
import io.rdbguard.core.workload.Requester;
import io.rdbguard.data.ConfigurationException;
import io.rdbguard.data.EngineFactory;
import io.rdbguard.data.ProbeRulesLoader;
import io.rdbguard.kube.ClusterObjects;
import io.rdbguard.kube.LiveObjects;
import io.rdbguard.kube.Location;
import io.rdbguard.kube.ManifestReader;
import io.rdbguard.kube.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code rdb-guard audit}: what the webhook would say, before anything is applied. */
@Command(name = "audit", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class, sortOptions = false,
        description = {
                "Judges workloads with the webhook's engine and policy, without a cluster or before you apply.",
                "  audit FILE|DIR|-...        every StatefulSet as a CREATE; AdmissionReviews exactly as the webhook would;",
                "                             Helm release records (Secrets/ConfigMaps) as the webhook's pre-flight would",
                "  audit --from OLD --to NEW  pairs by kind/namespace/name and judges UPDATEs (helm get manifest vs helm template,",
                "                             or the deployed release record vs the pending one)",
                "  audit --cluster            the StatefulSets of a live cluster, including half-rolled-out ones,",
                "                             and pending Helm release records against the live workloads",
                "  audit --probe-truth --probe-rules FILE --server HOST:PORT   run the file's rule examples against a server"},
        footerHeading = "%nExamples:%n",
        footer = {
                "  helm template mastodon bitnami/redis -f values.yaml | rdb-guard audit -",
                "  rdb-guard audit --from old.yaml --to new.yaml --output-file report.txt",
                "  kubectl get secrets -l owner=helm,name=cache -o yaml | rdb-guard audit -",
                "  rdb-guard audit --from deployed.secret.yaml --to pending.secret.yaml",
                "  rdb-guard audit --rollback releases.yaml      (helm rollback to each revision)",
                "  rdb-guard audit --cluster -n shop -o policyreport | kubectl apply -f -",
                "  rdb-guard audit rendered/ -o github      (pull-request annotations)"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:clean: nothing at or above --fail-on",
                "1:at least one result at or above --fail-on",
                "2:bad input (reported with file and document; the rest is still audited), bad flags or files, or no cluster"})
public class AuditCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE|DIR|-", arity = "0..*",
            description = "Manifests: multi-document YAML or JSON, List kinds, AdmissionReviews; a directory is read recursively; - is stdin.")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--from", paramLabel = "OLD", description = "The manifests in place now (e.g. helm get manifest RELEASE).")
    String from;

    @Option(names = "--to", paramLabel = "NEW", description = "The manifests you are about to apply (e.g. helm template).")
    String to;

    @Option(names = "--rollback",
            description = "With Helm release records: would helm rollback to each earlier revision be safe for the data on"
                    + " disk? Each earlier revision is judged as an UPDATE of the latest deployed one.")
    boolean rollback;

    @Option(names = "--cluster", description = "Audit the StatefulSets of the cluster (kubeconfig, or in-cluster service account).")
    boolean cluster;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "With --cluster: only this namespace (default: all). With files: the namespace of objects that name none (default: default).")
    String namespace;

    @Option(names = "--context", paramLabel = "CTX", description = "With --cluster: the kubeconfig context (default: the current one).")
    String context;

    @Option(names = "--policy", paramLabel = "FILE", description = "The policy file the webhook mounts (default: the built-in policy).")
    Path policy;

    @Option(names = "--catalog", paramLabel = "FILE", description = "The catalog extension the webhook mounts.")
    Path catalog;

    @Option(names = "--probe-rules", paramLabel = "FILE", description = "The probe rules the webhook mounts.")
    Path probeRules;

    @Option(names = "--probe-truth", description = "Run the examples of the --probe-rules file's rules against --server, serving and stopped.")
    boolean probeTruth;

    @Option(names = "--server", paramLabel = "HOST:PORT", description = "With --probe-truth: the Redis-family server the examples probe.")
    String server;

    @Option(names = "--password-env", paramLabel = "VAR", defaultValue = "REDISCLI_AUTH",
            description = "With --probe-truth: the environment variable holding the server's password (default: REDISCLI_AUTH).")
    String passwordEnv;

    @Option(names = "--now", paramLabel = "RFC3339", converter = InstantConverter.class,
            description = "Judge as if it were this time (backup age, exemption expiry), e.g. 2026-11-25T14:30:00Z.")
    Instant now;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table", converter = OutputConverter.class,
            description = "table (default), json, sarif (2.1.0), junit, github (workflow-command annotations) or"
                    + " policyreport (wgpolicyk8s.io/v1alpha2 PolicyReports, for kubectl apply).")
    OutputFormat output;

    @Option(names = "--output-file", paramLabel = "PATH",
            description = "Write the report to PATH instead of stdout; bad input and the summary still go to stderr.")
    Path outputFile;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto", converter = ColorConverter.class,
            description = "Colour the table: auto (default: when stdout is a terminal and NO_COLOR is unset or empty),"
                    + " always, never.")
    ColorMode color;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "deny", converter = FailOnConverter.class,
            description = "Exit 1 when a result reaches: deny (default: the webhook would deny), warn, audit, or never.")
    FailOn failOn;

    @Spec
    CommandSpec spec;

    private final AuditEnvironment environment;

    /** The command as {@code java -jar … audit} runs it. */
    public AuditCommand() {
        this(AuditEnvironment.system());
    }

    public AuditCommand(AuditEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (probeTruth) {
            return probeTruth(out, err);
        }
        checkArguments();
        Engine engine;
        try {
            engine = EngineFactory.build(new EngineFactory.Sources(Optional.ofNullable(policy), Optional.ofNullable(catalog),
                    Optional.ofNullable(probeRules)), now == null ? environment.clock() : Clock.fixed(now, ZoneOffset.UTC));
        } catch (ConfigurationException e) {
            err.println("rdb-guard audit: " + e.getMessage());
            return AuditReport.BAD_INPUT;
        }
        AuditReport report;
        try {
            report = cluster ? auditCluster(engine, err) : auditFiles(engine);
        } catch (ClusterFailure e) {
            err.println("rdb-guard audit: " + e.getMessage());
            return AuditReport.BAD_INPUT;
        } catch (UncheckedIOException e) {
            err.println("rdb-guard audit: cannot read the input: " + e.getCause().getMessage());
            return AuditReport.BAD_INPUT;
        }
        Instant at = now == null ? environment.clock().instant() : now;
        if (outputFile == null) {
            output.write(report, out, color.colour(environment, false), at);
        } else {
            try (PrintWriter file = new PrintWriter(Files.newBufferedWriter(outputFile, StandardCharsets.UTF_8))) {
                output.write(report, file, color.colour(environment, true), at);
            } catch (IOException e) {
                err.println("rdb-guard audit: cannot write --output-file " + outputFile + " (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); check the directory exists and is writable");
                return AuditReport.BAD_INPUT;
            }
        }
        if (output != OutputFormat.TABLE || outputFile != null) {
            // The report is for a machine or a file; the CI log still says what went wrong.
            report.problems().forEach(p -> err.println("bad input: " + p.describe()));
            err.println(report.summary());
        }
        err.flush();
        return report.exitCode();
    }

    private void checkArguments() {
        boolean pair = from != null || to != null;
        int modes = (inputs.isEmpty() ? 0 : 1) + (pair ? 1 : 0) + (cluster ? 1 : 0);
        if (modes == 0) {
            throw usage("say what to audit: FILE|DIR|-, --from OLD --to NEW, or --cluster");
        }
        if (modes > 1) {
            throw usage("audit one thing at a time: FILE|DIR|-, --from OLD --to NEW, or --cluster");
        }
        if (pair && (from == null || to == null)) {
            throw usage("--from and --to go together: OLD is what runs now, NEW what you are about to apply");
        }
        if (pair && from.equals(ManifestReader.STDIN) && to.equals(ManifestReader.STDIN)) {
            throw usage("only one of --from and --to can be - (stdin)");
        }
        if (rollback && inputs.isEmpty()) {
            throw usage("--rollback judges the release records of FILE|DIR|- (e.g. kubectl get secrets -l owner=helm,name=RELEASE -o yaml | rdb-guard audit --rollback -)");
        }
        if (context != null && !cluster) {
            throw usage("--context applies to --cluster only");
        }
        if (inputs.stream().filter(ManifestReader.STDIN::equals).count() > 1) {
            throw usage("- (stdin) can be given once");
        }
    }

    /** The admin's own rules (not the built-in ones), run against the server; their claims were graded on loading. */
    private int probeTruth(PrintWriter out, PrintWriter err) {
        if (probeRules == null || server == null || !server.matches("[^:\\s]+:\\d{1,5}")) {
            throw usage("--probe-truth needs --probe-rules FILE and --server HOST:PORT, e.g. --server 127.0.0.1:6379");
        }
        try {
            List<String> builtIn = ProbeRulesLoader.builtIn().execRules().stream().map(r -> r.name() + "\n" + r.source()).toList();
            List<ExecRule> own = ProbeRulesLoader.withAdminFile(probeRules).execRules().stream()
                    .filter(r -> !builtIn.contains(r.name() + "\n" + r.source())).toList();
            int colon = server.lastIndexOf(':');
            int exit = ProbeTruth.run(own, server.substring(0, colon), Integer.parseInt(server.substring(colon + 1)),
                    System.getenv(passwordEnv), out);
            out.flush();
            return exit;
        } catch (ConfigurationException e) {
            err.println("rdb-guard audit: " + e.getMessage());
            return AuditReport.BAD_INPUT;
        } catch (IOException e) {
            err.println("rdb-guard audit --probe-truth: " + e.getMessage());
            return AuditReport.BAD_INPUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AuditReport.BAD_INPUT;
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private AuditReport auditFiles(Engine engine) {
        Auditor auditor = new Auditor(engine, namespace == null ? "default" : namespace);
        if (from == null) {
            return auditor.files(new ManifestReader(environment.stdin(), true).read(inputs), failOn, rollback);
        }
        return auditor.pairs(new ManifestReader(environment.stdin(), true).read(List.of(from)),
                new ManifestReader(environment.stdin(), true).read(List.of(to)), failOn);
    }

    private AuditReport auditCluster(Engine engine, PrintWriter err) {
        KubernetesClient connected;
        try {
            connected = environment.cluster().connect(context);
        } catch (KubernetesClientException e) {
            throw new ClusterFailure("cannot use the kubeconfig" + (context == null ? "" : " context " + context) + ": "
                    + ClusterFailure.cause(e) + "; check KUBECONFIG and --context (kubectl config get-contexts)");
        }
        try (KubernetesClient client = connected) {
            String server = client.getMasterUrl().toString();
            String name = "cluster " + (context != null ? context : server);
            ClusterAuditor auditor = new ClusterAuditor(client, engine, name);
            List<StatefulSet> statefulSets;
            try {
                statefulSets = auditor.statefulSets(namespace);
            } catch (KubernetesClientException e) {
                throw ClusterFailure.listing(e, server, context);
            }
            ProgressBar progress = new ProgressBar(err, environment.stderrTerminal(), statefulSets.size());
            List<Evaluation> evaluations = new ArrayList<>();
            List<Problem> problems = new ArrayList<>();
            for (StatefulSet statefulSet : statefulSets) {
                String id = statefulSet.getMetadata().getNamespace() + "/" + statefulSet.getMetadata().getName();
                progress.step(id);
                try {
                    evaluations.add(auditor.audit(statefulSet));
                } catch (LiveObjects.LookupException e) {
                    problems.add(new Problem(Location.whole(name), "cannot list the pods of StatefulSet " + id
                            + " to check its rollout: " + e.getMessage()));
                }
            }
            progress.finish();
            List<String> notes = new ArrayList<>();
            if (statefulSets.isEmpty()) {
                notes.add("no StatefulSets in " + (namespace == null ? "any namespace" : "namespace " + namespace));
            }
            pendingReleases(auditor, new ReleaseAudit(engine, "default"), client, name, evaluations, notes);
            return new AuditReport(evaluations, problems, notes, failOn);
        }
    }

    /**
     * Helm releases being installed, upgraded or rolled back right now, or stuck half-way ("another operation is in
     * progress"): their pending records, judged by the webhook's pre-flight against the live workloads.
     */
    private void pendingReleases(ClusterAuditor auditor, ReleaseAudit releases, KubernetesClient client, String name,
                                 List<Evaluation> evaluations, List<String> notes) {
        List<HasMetadata> pending;
        try {
            pending = auditor.pendingReleases(namespace);
        } catch (KubernetesClientException e) {
            notes.add("cannot list Helm release records (" + (e.getCode() > 0 ? "HTTP " + e.getCode() : ClusterFailure.cause(e))
                    + "), so pending releases were not judged; that needs list on secrets and configmaps");
            return;
        }
        Location cluster = Location.whole(name);
        for (HasMetadata record : pending) {
            String id = record.getMetadata().getNamespace() + "/" + record.getMetadata().getName();
            evaluations.addAll(releases.judge(cluster, record, id, Requester.UNKNOWN, true, ReleaseAudit.cluster(new ClusterObjects(client)),
                    cluster, List.of("pending release record " + record.getKind() + " " + id + ", against the live workloads")));
        }
    }

    static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not an RFC 3339 time with a zone; write e.g. 2026-11-25T14:30:00Z");
            }
        }
    }

    static final class ColorConverter implements ITypeConverter<ColorMode> {
        @Override
        public ColorMode convert(String value) {
            return lowerCaseEnum(ColorMode.class, value);
        }
    }

    static final class OutputConverter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            return lowerCaseEnum(OutputFormat.class, value);
        }
    }

    static final class FailOnConverter implements ITypeConverter<FailOn> {
        @Override
        public FailOn convert(String value) {
            return lowerCaseEnum(FailOn.class, value);
        }
    }

    private static <E extends Enum<E>> E lowerCaseEnum(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        List<String> choices = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
        throw new TypeConversionException("'" + value + "' is not one of " + String.join(", ", choices));
    }
}
