package io.rdbguard.core.exemption;

import static io.rdbguard.core.annotation.RdbGuardAnnotations.EXEMPT;
import static io.rdbguard.core.annotation.RdbGuardAnnotations.EXEMPT_CONTAINERS;
import static io.rdbguard.core.annotation.RdbGuardAnnotations.EXEMPT_REASON;
import static io.rdbguard.core.annotation.RdbGuardAnnotations.EXEMPT_UNTIL;

import io.rdbguard.core.annotation.AnnotationGroup;
import io.rdbguard.core.annotation.AnnotationTime;
import io.rdbguard.core.annotation.InvalidAnnotationException;
import io.rdbguard.core.check.Finding;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.Container;
import io.rdbguard.core.workload.Requester;
import io.rdbguard.core.workload.Workload;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads and judges the exemption annotations of a change. The same reader serves the webhook and the audit CLI,
 * so expiry, scope and granting rules are identical in both.
 */
public final class Exemptions {

    /** The id under which problems with the exemption annotations themselves are reported; always enforced. */
    public static final String CHECK_ID = "exemption";

    private static final List<String> KEYS = List.of(EXEMPT, EXEMPT_REASON, EXEMPT_UNTIL, EXEMPT_CONTAINERS);

    /** The exemption in force (null when none, or when it has problems) and the problems that deny the change. */
    public record Reading(Exemption exemption, List<Finding> problems) {
        public Reading {
            problems = List.copyOf(problems);
        }
    }

    private final ExemptionPolicy policy;
    private final AnnotationTime time;
    private final Set<String> checkIds;

    public Exemptions(ExemptionPolicy policy, AnnotationTime time, Set<String> checkIds) {
        this.policy = policy;
        this.time = time;
        this.checkIds = new TreeSet<>(checkIds);
    }

    public Reading read(Change change) {
        Workload workload = change.workload();
        List<AnnotationGroup> found = AnnotationGroup.of(workload, KEYS);
        if (found.isEmpty()) {
            return new Reading(null, List.of());
        }
        AnnotationGroup group = found.get(0);
        if (found.size() > 1 && !found.get(1).values().equals(group.values())) {
            return new Reading(null, List.of(problem("rdb-guard.io/exempt* annotations are set both "
                    + group.place().describe(workload) + " and " + found.get(1).place().describe(workload)
                    + ", with different values; an exemption is read from one place",
                    "keep one set: remove the other, or make both the same")));
        }
        List<Finding> problems = new ArrayList<>();
        Set<String> exempted = checks(group.get(EXEMPT), problems);
        String reason = reason(group.get(EXEMPT_REASON), problems);
        Instant until = until(group.get(EXEMPT_UNTIL), problems);
        Set<String> containers = containers(workload, group.get(EXEMPT_CONTAINERS), problems);
        boolean granted = isNewOrChanged(change);
        if (granted && !mayGrant(change.requester())) {
            problems.add(problem("user " + quoted(change.requester().username()) + " may not add or change "
                    + "rdb-guard.io/exempt* annotations", "ask one of the grantors (users " + policy.grantorUsers()
                    + ", groups " + policy.grantorGroups() + ") to apply the change"));
        }
        if (!problems.isEmpty()) {
            return new Reading(null, problems);
        }
        return new Reading(new Exemption(exempted, reason, until, containers,
                granted ? change.requester().username() : null), List.of());
    }

    private Set<String> checks(Optional<String> value, List<Finding> problems) {
        if (value.isEmpty()) {
            problems.add(problem(EXEMPT + " is missing while other rdb-guard.io/exempt* annotations are set",
                    "name the check ids to exempt (" + String.join(", ", checkIds) + "), or remove the exemption annotations"));
            return Set.of();
        }
        List<String> ids = split(value.get());
        if (ids.isEmpty()) {
            problems.add(problem(EXEMPT + " is empty", "name the check ids to exempt: " + String.join(", ", checkIds)));
            return Set.of();
        }
        if (ids.equals(List.of("all"))) {
            if (!policy.allowAll()) {
                problems.add(problem(EXEMPT + "=all is not allowed by the policy (exemptions.allowAll)",
                        "name the check ids to exempt: " + String.join(", ", checkIds)));
                return Set.of();
            }
            ids = new ArrayList<>(checkIds);
            ids.removeAll(policy.neverExempt());
        }
        Set<String> valid = new TreeSet<>();
        for (String id : ids) {
            if (!checkIds.contains(id)) {
                problems.add(problem(EXEMPT + " names " + quoted(id) + ", which is not a check id",
                        "use one of " + String.join(", ", checkIds)));
            } else if (policy.neverExempt().contains(id)) {
                problems.add(problem("the policy does not allow exempting " + id + " (exemptions.neverExempt)",
                        "remove " + id + " from " + EXEMPT + " and resolve the finding itself"));
            } else {
                valid.add(id);
            }
        }
        return valid;
    }

    private String reason(Optional<String> value, List<Finding> problems) {
        String reason = value.map(String::trim).orElse("");
        if (reason.isEmpty()) {
            problems.add(problem(EXEMPT_REASON + " is " + (value.isEmpty() ? "missing" : "empty")
                    + "; an exemption needs a reason", "say why, e.g. " + EXEMPT_REASON + "='INC-123: migration to Valkey'"));
        } else if (reason.length() > ExemptionPolicy.MAX_REASON_LENGTH) {
            problems.add(problem(EXEMPT_REASON + " is " + reason.length() + " characters long, more than "
                    + ExemptionPolicy.MAX_REASON_LENGTH, "shorten it and link to a ticket for the details"));
        }
        return reason;
    }

    private Instant until(Optional<String> value, List<Finding> problems) {
        String example = time.now().plus(Duration.ofDays(7)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        if (value.isEmpty()) {
            problems.add(problem(EXEMPT_UNTIL + " is missing; an exemption needs an end",
                    "add " + EXEMPT_UNTIL + "=" + example + " (at most " + AnnotationTime.describe(policy.maxHorizon()) + " ahead)"));
            return null;
        }
        Instant until;
        try {
            until = time.parse(EXEMPT_UNTIL, value.get(), "");
        } catch (InvalidAnnotationException e) {
            problems.add(problem(e.getMessage(), "write e.g. " + EXEMPT_UNTIL + "=" + example));
            return null;
        }
        Instant now = time.now();
        if (!until.isAfter(now)) {
            problems.add(problem("the exemption expired at " + until + " (" + AnnotationTime.describe(Duration.between(until, now))
                    + " ago)", "fix the findings and remove the rdb-guard.io/exempt* annotations, or renew it with a new "
                    + EXEMPT_UNTIL + " and reason"));
        } else if (Duration.between(now, until).compareTo(policy.maxHorizon()) > 0) {
            problems.add(problem(EXEMPT_UNTIL + "=" + value.get() + " is " + AnnotationTime.describe(Duration.between(now, until))
                    + " ahead, more than the " + AnnotationTime.describe(policy.maxHorizon()) + " allowed (exemptions.maxHorizon)",
                    "choose an earlier date, e.g. " + example));
        }
        return until;
    }

    private Set<String> containers(Workload workload, Optional<String> value, List<Finding> problems) {
        if (value.isEmpty()) {
            return Set.of();
        }
        Set<String> known = workload.allContainers().map(Container::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> named = new TreeSet<>(split(value.get()));
        if (named.isEmpty()) {
            problems.add(problem(EXEMPT_CONTAINERS + " is empty", "name containers (" + String.join(", ", known)
                    + ") or remove the annotation to exempt all of them"));
        }
        for (String name : named) {
            if (!known.contains(name)) {
                problems.add(problem(EXEMPT_CONTAINERS + " names " + quoted(name) + ", which is not a container of "
                        + workload.displayName(), "use one of " + String.join(", ", known)));
            }
        }
        return named;
    }

    /** A request grants an exemption when it creates the workload with one, or changes any exemption annotation. */
    private static boolean isNewOrChanged(Change change) {
        Workload previous = change.previous();
        return previous == null || !AnnotationGroup.of(change.workload(), KEYS).equals(AnnotationGroup.of(previous, KEYS));
    }

    private boolean mayGrant(Requester requester) {
        return !policy.restrictsGrantors() || policy.grantorUsers().contains(requester.username())
                || requester.groups().stream().anyMatch(policy.grantorGroups()::contains);
    }

    private static List<String> split(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Finding problem(String message, String fix) {
        return Finding.error(null, message, fix);
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }
}
