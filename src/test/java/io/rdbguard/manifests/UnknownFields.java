package io.rdbguard.manifests;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Finds fields that a fabric8 model did not recognise. fabric8 keeps them in {@code additionalProperties}
 * instead of failing, so without this walk a misspelled field (say {@code readOnlyRootFilesytem}) would be
 * dropped by kube-apiserver without anybody noticing.
 */
final class UnknownFields {

    private UnknownFields() {
    }

    /** Paths of all unknown fields below {@code model}, like {@code spec.template.spec.containers[0].imagePullPolcy}. */
    static List<String> in(Object model) {
        List<String> unknown = new ArrayList<>();
        walk(model, "", unknown);
        return unknown;
    }

    private static void walk(Object value, String path, List<String> unknown) {
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                walk(item, path + "[" + index++ + "]", unknown);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> walk(child, child(path, String.valueOf(key)), unknown));
        } else if (value != null && value.getClass().getName().startsWith("io.fabric8.")) {
            for (Method getter : value.getClass().getMethods()) {
                if (!isGetter(getter)) {
                    continue;
                }
                Object child = invoke(getter, value, path);
                if (getter.getName().equals("getAdditionalProperties")) {
                    if (child != null) {
                        ((Map<?, ?>) child).keySet().forEach(key -> unknown.add(child(path, String.valueOf(key))));
                    }
                } else {
                    walk(child, child(path, propertyName(getter)), unknown);
                }
            }
        }
    }

    private static boolean isGetter(Method method) {
        String name = method.getName();
        return method.getParameterCount() == 0
                && !Modifier.isStatic(method.getModifiers())
                && method.getDeclaringClass() != Object.class
                && (name.startsWith("get") && name.length() > 3 || name.startsWith("is") && name.length() > 2);
    }

    private static Object invoke(Method getter, Object target, String path) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new AssertionError("cannot read " + child(path, propertyName(getter)) + ": " + e, e);
        }
    }

    private static String propertyName(Method getter) {
        String name = getter.getName();
        String property = name.substring(name.startsWith("is") ? 2 : 3);
        return Character.toLowerCase(property.charAt(0)) + property.substring(1);
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
