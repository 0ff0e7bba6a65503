package io.rdbguard.cli;

import java.io.PrintWriter;

/** "[=====     ] 12/40 mastodon/mastodon-redis-master" on stderr, redrawn in place; silent when not on a terminal. */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean enabled;
    private final int total;
    private int done;

    ProgressBar(PrintWriter err, boolean enabled, int total) {
        this.err = err;
        this.enabled = enabled && total > 0;
        this.total = total;
    }

    void step(String label) {
        done++;
        if (enabled) {
            int filled = WIDTH * done / total;
            err.print("\r\u001b[2K[" + "=".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total + " " + label);
            err.flush();
        }
    }

    void finish() {
        if (enabled) {
            err.print("\r\u001b[2K");
            err.flush();
        }
    }
}
