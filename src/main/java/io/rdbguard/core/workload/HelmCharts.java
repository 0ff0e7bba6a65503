package io.rdbguard.core.workload;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Helm charts known to render their {@code commonAnnotations} value onto the workload object, where rdb-guard reads
 * the backup, restore and exemption annotations: only for these can a message say "set it through the chart's values".
 * Knowledge, loaded from a data file that cites each chart's template.
 *
 * @param withCommonAnnotations chart names (as in Chart.yaml, without the version)
 */
public record HelmCharts(Set<String> withCommonAnnotations) {

    public static final HelmCharts NONE = new HelmCharts(Set.of());

    /** The {@code helm.sh/chart} label is the chart name, a dash and its SemVer version ("redis-19.6.4", "redis-ha-4.27.0"). */
    private static final Pattern CHART_LABEL = Pattern.compile("(.+?)-v?\\d+\\.\\d+\\.\\d+.*");

    public HelmCharts {
        withCommonAnnotations = Set.copyOf(withCommonAnnotations);
    }

    /** Whether the release's chart is known to set commonAnnotations on its workloads; false when the chart is unknown. */
    public boolean setsCommonAnnotations(HelmRelease release) {
        if (release.chart() == null) {
            return false;
        }
        Matcher label = CHART_LABEL.matcher(release.chart());
        return label.matches() && withCommonAnnotations.contains(label.group(1));
    }
}
