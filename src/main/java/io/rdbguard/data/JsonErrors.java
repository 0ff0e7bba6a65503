package io.rdbguard.data;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.stream.Collectors;

/** Jackson's errors as a user reads them: the field as Kubernetes names it, and no stack of nested causes. */
public final class JsonErrors {

    private JsonErrors() {
    }

    /** "spec.template.spec.containers[0].image", or "the top level". */
    public static String fieldPath(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining());
        return path.isEmpty() ? "the top level" : path.substring(path.startsWith(".") ? 1 : 0);
    }

    /** The first line of a message (Jackson appends source excerpts on the next lines). */
    public static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
