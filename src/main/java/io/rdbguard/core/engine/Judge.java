package io.rdbguard.core.engine;

import io.rdbguard.core.workload.Change;

/** Turns a change into a decision. The engine is one; metrics and logging are decorators around it. */
@FunctionalInterface
public interface Judge {
    Decision judge(Change change);
}
