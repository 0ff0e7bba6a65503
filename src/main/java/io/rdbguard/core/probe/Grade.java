package io.rdbguard.core.probe;

/**
 * What a part of an exec probe proves while its script is read: the depth, why, and the facts that combine across
 * {@code &&}, {@code ||} and statements.
 *
 * @param outcome      whether it can go either way, always succeeds or never does, whatever the server does
 * @param otherPod     it also talks to another pod (the master)
 * @param replicaOnly  it can pass only on a replica (INFO master_link_status:up): never on a master
 * @param dataDir      the data directory it asserts CONFIG GET dir to be, or null
 * @param authRequired it asserts that the server refuses a client without the password
 */
record Grade(Depth depth, String explanation, Outcome outcome, boolean otherPod, boolean replicaOnly, String dataDir, boolean authRequired) {

    /** UNKNOWN: a command no rule knows; graded protocol alone, and no proof next to a known check. */
    enum Outcome { DEPENDS, ALWAYS, NEVER, UNKNOWN }

    static Grade of(Depth depth, String explanation) {
        return new Grade(depth, explanation, Outcome.DEPENDS, false, false, null, false);
    }

    static Grade unknown(String explanation) {
        return new Grade(Depth.PROTOCOL, explanation, Outcome.UNKNOWN, false, false, null, false);
    }

    static Grade always(String explanation) {
        return new Grade(Depth.NONE, explanation, Outcome.ALWAYS, false, false, null, false);
    }

    static Grade never(String explanation) {
        return new Grade(Depth.NONE, explanation, Outcome.NEVER, false, false, null, false);
    }

    Grade withOtherPod(boolean other) {
        return new Grade(depth, explanation, outcome, otherPod || other, replicaOnly, dataDir, authRequired);
    }

    Grade withFacts(String dir, boolean auth) {
        return new Grade(depth, explanation, outcome, otherPod, replicaOnly, dir != null ? dir : dataDir, authRequired || auth);
    }

    Grade because(Depth newDepth, String newExplanation) {
        return new Grade(newDepth, newExplanation, outcome, otherPod, replicaOnly, dataDir, authRequired);
    }

    /** Both must pass (&&, or two statements that each can fail the probe): the stronger proof counts, and every fact. */
    Grade and(Grade next) {
        if (outcome == Outcome.NEVER || next.outcome == Outcome.NEVER) {
            return outcome == Outcome.NEVER ? this : next;
        }
        if (outcome == Outcome.ALWAYS || next.outcome == Outcome.ALWAYS) {
            return outcome == Outcome.ALWAYS ? next : this;
        }
        if ((outcome == Outcome.UNKNOWN) != (next.outcome == Outcome.UNKNOWN)) {
            Grade known = outcome == Outcome.UNKNOWN ? next : this;
            return known.withOtherPod(otherPod || next.otherPod).withFacts(dataDir != null ? dataDir : next.dataDir, authRequired || next.authRequired);
        }
        // equal depths: the later check is usually the decisive one (a comparison after the command that feeds it)
        Grade stronger = next.depth.isBelow(depth) ? this : next;
        return new Grade(stronger.depth, stronger.explanation, stronger.outcome, otherPod || next.otherPod, replicaOnly || next.replicaOnly,
                dataDir != null ? dataDir : next.dataDir, authRequired || next.authRequired);
    }

    /** Either may pass (||): only the weaker proof counts, and only the facts both sides prove. */
    Grade or(Grade next) {
        if (outcome == Outcome.ALWAYS || next.outcome == Outcome.ALWAYS) {
            return always("an || alternative always succeeds, so the probe passes whatever the server does");
        }
        if (outcome == Outcome.NEVER || next.outcome == Outcome.NEVER) {
            return outcome == Outcome.NEVER ? next : this;
        }
        Grade weaker = next.depth.isBelow(depth) ? next : this;
        String why = depth == next.depth ? weaker.explanation : "an || alternative passes on less: " + weaker.explanation;
        return new Grade(weaker.depth, why, weaker.outcome, otherPod && next.otherPod, replicaOnly && next.replicaOnly,
                dataDir != null && dataDir.equals(next.dataDir) ? dataDir : null, authRequired && next.authRequired);
    }
}
