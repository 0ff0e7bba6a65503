package io.rdbguard.core.workload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the cluster holds for a StatefulSet where its template is not the truth: the pods it has or would adopt and
 * the images they run, and (for a CREATE) the claims of the volumes it would adopt. {@code unreadBecause} is set when
 * the cluster could not be read; {@code denyWhenUnread} is the admin's on-lookup-failure policy.
 */
public record LiveState(List<Pod> pods, List<Claim> claims, String unreadBecause, boolean denyWhenUnread) {

    /** Not looked up: the template is the truth (a plain UPDATE of a fully rolled-out StatefulSet, files, a test). */
    public static final LiveState NOT_LOOKED_UP = new LiveState(List.of(), List.of(), null, false);

    public LiveState {
        pods = List.copyOf(pods);
        claims = List.copyOf(claims);
    }

    public static LiveState read(List<Pod> pods, List<Claim> claims) {
        return new LiveState(pods, claims, null, false);
    }

    public static LiveState unread(String why, boolean deny) {
        return new LiveState(List.of(), List.of(), why, deny);
    }

    public boolean unread() {
        return unreadBecause != null;
    }

    /** Claims whose ordinal has no pod: nothing tells what image wrote them. */
    public List<Claim> claimsWithoutPod() {
        Set<Integer> ordinals = new LinkedHashSet<>();
        pods.forEach(pod -> ordinals.add(pod.ordinal()));
        return claims.stream().filter(claim -> !ordinals.contains(claim.ordinal())).toList();
    }

    /** Each distinct set of images the pods run, in pod order: one version of the data on their volumes. */
    public List<Map<String, String>> imageSets() {
        Set<Map<String, String>> sets = new LinkedHashSet<>();
        pods.forEach(pod -> sets.add(pod.images()));
        return new ArrayList<>(sets);
    }

    /** A pod: its name and ordinal, the ControllerRevision it was made from (may be null), container name → image. */
    public record Pod(String name, int ordinal, String revision, Map<String, String> images) {

        public Pod {
            images = Collections.unmodifiableMap(new LinkedHashMap<>(images));
        }
    }

    /** A PersistentVolumeClaim of the StatefulSet's volumeClaimTemplates: {@code <claim>-<name>-<ordinal>}. */
    public record Claim(String name, int ordinal) {
    }
}
