package io.rdbguard.core.annotation;

import io.rdbguard.core.workload.Workload;
import java.util.Map;

/**
 * Where rdb-guard annotations are read from: the workload object or its pod template. They have different owners (a
 * chart's commonAnnotations land on the object, podAnnotations on the template) and different costs (changing the
 * template restarts the pods), so every message that rests on an annotation says which place it came from.
 */
public enum AnnotationPlace {
    OBJECT,
    POD_TEMPLATE;

    /** "on the StatefulSet", "on the pod template". */
    public String describe(Workload workload) {
        return this == OBJECT ? "on the " + workload.kind() : "on the pod template";
    }

    Map<String, String> annotations(Workload workload) {
        return this == OBJECT ? workload.annotations() : workload.template().annotations();
    }
}
