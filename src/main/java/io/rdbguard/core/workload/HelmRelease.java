package io.rdbguard.core.workload;

/** The Helm release a workload belongs to; chart is null when the workload lacks the helm.sh/chart label. */
public record HelmRelease(String name, String namespace, String chart) {
    public static final String NAME_ANNOTATION = "meta.helm.sh/release-name";
    public static final String NAMESPACE_ANNOTATION = "meta.helm.sh/release-namespace";
    public static final String CHART_LABEL = "helm.sh/chart";
}
