package io.rdbguard.core.annotation;

import io.rdbguard.core.workload.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Annotations that only mean something together (a backup and when it was taken; an exemption, its reason and its
 * end), as set in one place. Read as a group, never key by key: a value from the object and its companion from the pod
 * template would describe something nobody recorded.
 *
 * @param values the group's keys that are set in that place, and their values
 */
public record AnnotationGroup(AnnotationPlace place, Map<String, String> values) {

    public AnnotationGroup {
        values = Map.copyOf(values);
    }

    /** Each place that sets at least one of {@code keys}, the object first. */
    public static List<AnnotationGroup> of(Workload workload, List<String> keys) {
        List<AnnotationGroup> groups = new ArrayList<>();
        for (AnnotationPlace place : AnnotationPlace.values()) {
            Map<String, String> annotations = place.annotations(workload);
            Map<String, String> values = null;   // most workloads set none: nothing to allocate then
            for (String key : keys) {
                String value = annotations.get(key);
                if (value != null) {
                    values = values == null ? new LinkedHashMap<>() : values;
                    values.put(key, value);
                }
            }
            if (values != null) {
                groups.add(new AnnotationGroup(place, values));
            }
        }
        return groups;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }
}
