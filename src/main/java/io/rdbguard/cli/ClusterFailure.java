package io.rdbguard.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** The cluster could not be audited; the message names the server, what went wrong underneath, and what to check. */
final class ClusterFailure extends RuntimeException {

    ClusterFailure(String message) {
        super(message, null, false, false);
    }

    /**
     * "cannot list the StatefulSets of https://127.0.0.1:6443: Connection refused (ConnectException)": fabric8's own
     * message ("Operation: [list] for kind: [StatefulSet] … failed") hides the cause, which is what a user can fix.
     */
    static ClusterFailure listing(KubernetesClientException e, String server, String context) {
        String where = server + (context == null ? "" : " (context " + context + ")");
        if (e.getCode() == 401) {
            return new ClusterFailure("the API server at " + where + " does not accept the kubeconfig's credentials"
                    + " (HTTP 401); log in again or refresh the token");
        }
        if (e.getCode() == 403) {
            return new ClusterFailure("the API server at " + where + " refuses to list StatefulSets (HTTP 403: "
                    + statusMessage(e) + "); the audit needs list on statefulsets and pods");
        }
        if (e.getCode() > 0) {
            return new ClusterFailure("the API server at " + where + " answered HTTP " + e.getCode() + " to listing StatefulSets: "
                    + statusMessage(e));
        }
        return new ClusterFailure("cannot reach the API server at " + where + ": " + cause(e)
                + "; check that the cluster runs and that --context and KUBECONFIG point at it (kubectl cluster-info)");
    }

    /** The innermost cause, named by its message and kind: "Connection refused (ConnectException)". */
    static String cause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage().strip();
        return (message.isEmpty() ? "" : message + " ") + "(" + root.getClass().getSimpleName() + ")";
    }

    private static String statusMessage(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : cause(e);
    }
}
