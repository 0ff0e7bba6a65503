package io.rdbguard.cli;

import io.rdbguard.core.engine.CheckResult;
import io.rdbguard.core.engine.Decision;
import io.rdbguard.core.check.Status;
import io.rdbguard.core.registry.CheckRegistry;
import io.rdbguard.kube.Location;
import io.rdbguard.kube.Problem;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code --output junit}: JUnit XML for CI test tabs. A test suite per workload, a test case per check: it fails when a
 * result reaches {@code --fail-on}, is skipped when every result was exempted; bad input is a suite of errors.
 */
final class JunitReport {

    private JunitReport() {
    }

    static void write(AuditReport report, PrintWriter out) {
        List<String> allChecks = CheckRegistry.ids();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "rdb-guard audit");
            for (Evaluation evaluation : report.evaluations()) {
                String workload = evaluation.name();
                // A release's own results are about the release record; its workloads have suites of their own.
                List<String> checkIds = evaluation.isRelease()
                        ? evaluation.decision().results().stream().map(CheckResult::checkId).distinct().toList() : allChecks;
                if (checkIds.isEmpty()) {
                    continue;
                }
                List<List<CheckResult>> perCheck = checkIds.stream().map(id -> evaluation.decision().results().stream()
                        .filter(r -> r.checkId().equals(id)).toList()).toList();
                long failures = perCheck.stream().filter(results -> failed(report, results)).count();
                suite(xml, workload, checkIds.size(), failures, 0);
                for (int i = 0; i < checkIds.size(); i++) {
                    testcase(xml, workload, checkIds.get(i), evaluation.location());
                    List<CheckResult> results = perCheck.get(i);
                    String text = results.stream().filter(r -> r.status() != Status.PASS)
                            .map(r -> Results.verdict(r) + ": " + Decision.text(r)).collect(Collectors.joining("\n"));
                    if (failed(report, results)) {
                        xml.writeStartElement("failure");
                        xml.writeAttribute("type", results.stream().map(Severity::of).max(Enum::compareTo).orElseThrow().label());
                        xml.writeAttribute("message", text.lines().findFirst().orElse(""));
                        xml.writeCharacters(text);
                        xml.writeEndElement();
                    } else if (!results.isEmpty() && results.stream().allMatch(r -> r.status() == Status.SKIP)) {
                        xml.writeEmptyElement("skipped");
                        xml.writeAttribute("message", text.lines().findFirst().orElse(""));
                    } else if (!text.isEmpty()) {
                        xml.writeStartElement("system-out");
                        xml.writeCharacters(text);
                        xml.writeEndElement();
                    }
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            if (!report.problems().isEmpty()) {
                suite(xml, "bad input", report.problems().size(), 0, report.problems().size());
                for (Problem problem : report.problems()) {
                    testcase(xml, "bad input", problem.location().describe(), problem.location());
                    xml.writeStartElement("error");
                    xml.writeAttribute("message", problem.message());
                    xml.writeCharacters(problem.describe());
                    xml.writeEndElement();
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
            out.println();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean failed(AuditReport report, List<CheckResult> results) {
        return results.stream().anyMatch(r -> report.failOn().fails(Severity.of(r)));
    }

    private static void suite(XMLStreamWriter xml, String name, long tests, long failures, long errors) throws XMLStreamException {
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", name);
        xml.writeAttribute("tests", String.valueOf(tests));
        xml.writeAttribute("failures", String.valueOf(failures));
        xml.writeAttribute("errors", String.valueOf(errors));
    }

    private static void testcase(XMLStreamWriter xml, String classname, String name, Location location) throws XMLStreamException {
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", classname);
        xml.writeAttribute("name", name);
        xml.writeAttribute("file", location.source());
        if (location.inFile()) {
            xml.writeAttribute("line", String.valueOf(location.line()));
        }
    }
}
