package io.rdbguard.cli;

import java.io.PrintWriter;
import java.time.Instant;

/** {@code --output}: how the report is written (to stdout, or to {@code --output-file}). */
public enum OutputFormat {
    TABLE,
    JSON,
    SARIF,
    JUNIT,
    GITHUB,
    POLICYREPORT;

    /** {@code now}: when the audit ran (or --now), for reports that carry a time. */
    void write(AuditReport report, PrintWriter out, boolean colour, Instant now) {
        switch (this) {
            case TABLE -> new TableReport(colour).write(report, out);
            case JSON -> JsonReport.write(report, out);
            case SARIF -> SarifReport.write(report, out);
            case JUNIT -> JunitReport.write(report, out);
            case GITHUB -> GithubReport.write(report, out);
            case POLICYREPORT -> PolicyReportOutput.write(report, out, now);
        }
        out.flush();
    }
}
