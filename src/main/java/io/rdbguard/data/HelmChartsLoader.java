package io.rdbguard.data;

import io.rdbguard.core.workload.HelmCharts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Loads {@value #BUILT_IN}: the Helm charts whose commonAnnotations reach the workload object, each with its source. */
final class HelmChartsLoader {

    static final String BUILT_IN = "rdb-guard/helm-charts.yaml";

    record File(List<Chart> charts) {
    }

    record Chart(String name, String source) {
    }

    private HelmChartsLoader() {
    }

    static HelmCharts builtIn() throws ConfigurationException {
        try (InputStream in = HelmChartsLoader.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("the built-in Helm charts " + BUILT_IN + " are missing from the classpath");
            }
            File file = YamlFiles.read("built-in " + BUILT_IN, new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    File.class, BUILT_IN).orElseThrow(() -> new IllegalStateException(BUILT_IN + " is empty"));
            for (Chart chart : file.charts()) {
                if (chart.name() == null || chart.source() == null || chart.source().isBlank()) {
                    throw new IllegalStateException(BUILT_IN + ": every chart needs a name and a source, not " + chart);
                }
            }
            return new HelmCharts(file.charts().stream().map(Chart::name).collect(Collectors.toSet()));
        } catch (IOException e) {
            throw new IllegalStateException("the built-in Helm charts " + BUILT_IN + " cannot be read", e);
        }
    }
}
