package io.rdbguard.core.workload;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The live state of a change's workload, read at most once and only when a check needs it: a StatefulSet that runs
 * no datastore never costs a read of the cluster.
 */
public final class LiveLookup {

    /** The template is the truth; nothing is read. */
    public static final LiveLookup NONE = new LiveLookup(() -> LiveState.NOT_LOOKED_UP);

    private final Supplier<LiveState> reader;
    private LiveState state;

    public LiveLookup(Supplier<LiveState> reader) {
        this.reader = reader;
    }

    public synchronized LiveState state() {
        if (state == null) {
            state = Objects.requireNonNull(reader.get(), "live state");
        }
        return state;
    }
}
