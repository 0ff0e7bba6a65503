package io.rdbguard.kube;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.rdbguard.data.JsonErrors;
import java.util.Optional;

/**
 * kube-apiserver writes every string of a review as a JSON string. Jackson would read a number or a boolean in its
 * place as text ({@code "uid": 1e400} as "1E+400"), and the response would then echo a uid the caller never sent; so
 * the review reader refuses them, naming the field and never quoting the value.
 */
final class QuotedStrings {

    private QuotedStrings() {
    }

    /** A copy of {@code mapper} that reads only JSON strings into strings. */
    static ObjectMapper requiredBy(ObjectMapper mapper) {
        ObjectMapper strict = mapper.copy();
        strict.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return strict;
    }

    /** "request.uid is a number; kube-apiserver sends it as a string", when that is why reading failed. */
    static Optional<String> problem(JsonMappingException e) {
        if (e instanceof InvalidFormatException format && format.getTargetType() == String.class) {
            return Optional.of(JsonErrors.fieldPath(e) + " is a " + (format.getValue() instanceof Boolean ? "boolean" : "number")
                    + "; kube-apiserver sends it as a string");
        }
        return Optional.empty();
    }
}
