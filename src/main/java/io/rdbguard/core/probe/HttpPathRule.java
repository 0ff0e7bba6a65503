package io.rdbguard.core.probe;

import java.util.regex.Pattern;

/** An httpGet path that proves more than "the server answers HTTP", e.g. a readiness endpoint. */
public record HttpPathRule(String name, Pattern path, Depth depth, String explanation, String source) {

    public boolean appliesTo(String requestPath) {
        return path.matcher(requestPath).matches();
    }
}
