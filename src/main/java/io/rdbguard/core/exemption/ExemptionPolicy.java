package io.rdbguard.core.exemption;

import java.time.Duration;
import java.util.Set;

/**
 * What the cluster admin allows of annotation exemptions.
 *
 * @param maxHorizon      how far ahead exempt-until may be
 * @param allowAll        whether {@code rdb-guard.io/exempt: all} is accepted
 * @param neverExempt     checks that no annotation can exempt
 * @param grantorUsers    users who may add or change an exemption; with no users and no groups, anyone may
 * @param grantorGroups   groups whose members may add or change an exemption
 */
public record ExemptionPolicy(Duration maxHorizon, boolean allowAll, Set<String> neverExempt,
                              Set<String> grantorUsers, Set<String> grantorGroups) {

    public static final Duration DEFAULT_MAX_HORIZON = Duration.ofDays(30);
    public static final int MAX_REASON_LENGTH = 500;

    public static final ExemptionPolicy DEFAULT = new ExemptionPolicy(DEFAULT_MAX_HORIZON, false, Set.of(), Set.of(), Set.of());

    public ExemptionPolicy {
        neverExempt = Set.copyOf(neverExempt);
        grantorUsers = Set.copyOf(grantorUsers);
        grantorGroups = Set.copyOf(grantorGroups);
    }

    public boolean restrictsGrantors() {
        return !grantorUsers.isEmpty() || !grantorGroups.isEmpty();
    }
}
