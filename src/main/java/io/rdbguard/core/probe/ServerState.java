package io.rdbguard.core.probe;

/**
 * The states of a server that tell the depths apart: each depth is a claim about which of them a probe fails in
 * (see {@link Depth}). The classifier predicts a pipeline's outcome in each; the truth suite measures it.
 */
public enum ServerState {
    /** nothing listens: redis-cli prints nothing on stdout and exits 1 */
    STOPPED,
    /** the dataset is still loading: commands get -LOADING */
    LOADING,
    /** a master that serves */
    SERVING,
    /** a replica whose link to its master is up */
    REPLICA,
    /** a replica whose master is down, with replica-serve-stale-data no: commands get -MASTERDOWN */
    MASTERDOWN,
    /** the server requires a password the probe does not send: commands get -NOAUTH */
    NOAUTH
}
