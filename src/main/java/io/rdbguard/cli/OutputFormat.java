package io.rdbguard.cli;

import java.io.PrintWriter;

/** {@code --output}: how the report is written to stdout. */
public enum OutputFormat {
    TABLE,
    JSON,
    SARIF,
    JUNIT;

    void write(AuditReport report, PrintWriter out, boolean colour) {
        switch (this) {
            case TABLE -> new TableReport(colour).write(report, out);
            case JSON -> JsonReport.write(report, out);
            case SARIF -> SarifReport.write(report, out);
            case JUNIT -> JunitReport.write(report, out);
        }
        out.flush();
    }
}
