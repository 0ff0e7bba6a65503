package io.rdbguard.core.engine;

import java.util.Arrays;

/**
 * One warning as kube-apiserver passes it on and kubectl prints it ("Warning: ..."), shortened by design rather than
 * cut at the end: the check id, the container and the fix stay whole; the "rdb-guard" prefix and then the end of the
 * message (its details, after the problem itself) go first.
 *
 * <p>The limits come from Kubernetes: the admission/v1 API asks for warnings of at most 120 characters "if possible"
 * ({@code AdmissionResponse.warnings}); kube-apiserver cuts a warning to 256 runes, and drops further ones, only once
 * the warnings of one response exceed 4096 runes ({@code truncateItemRunes}, {@code truncateAtTotalRunes} in
 * staging/src/k8s.io/apiserver/pkg/endpoints/filters/warning.go). So a warning is 120 characters where the fix allows,
 * else at most 256 (never cut even when truncation starts); only a fix longer than that makes a longer warning, and
 * never longer than 4096 / {@value Decision#MAX_WARNINGS}, so that rdb-guard's warnings alone never start truncation.
 */
final class WarningLine {

    /** The length asked for, and the length kube-apiserver never cuts. */
    static final int[] LIMITS = {Decision.WARNING_LENGTH, 256};
    /** Never longer: {@value Decision#MAX_WARNINGS} of them stay within the 4096 runes after which warnings are cut. */
    static final int HARD_LIMIT = 4096 / Decision.MAX_WARNINGS;
    /** The shortest start of a message that still says what the problem is. */
    static final int SHORTEST_PROBLEM = 60;
    /** What the short form drops from the start of the source. */
    private static final String PRODUCT = "rdb-guard";

    private WarningLine() {
    }

    /**
     * {@code source} ("rdb-guard", "rdb-guard audit") + {@code label} ("[probe-depth] container redis:") + message +
     * " Fix: " + fix, shortened as the class says; in the short form the source keeps only what follows "rdb-guard".
     * A fix too long for 256 characters keeps the problem to its first {@value #SHORTEST_PROBLEM} characters.
     */
    static String of(String source, String label, String message, String fix) {
        String fixPart = fix.isBlank() ? "" : " Fix: " + UserText.oneLine(fix);
        String full = joined(source, label, message) + fixPart;
        if (full.length() <= LIMITS[0]) {
            return full;
        }
        String head = joined(source.startsWith(PRODUCT) ? source.substring(PRODUCT.length()) : source, label, "");
        head = head.isEmpty() ? "" : head + " ";
        for (int limit : LIMITS) {
            int room = limit - head.length() - fixPart.length();
            if (room >= SHORTEST_PROBLEM) {
                return head + UserText.oneLine(message, room) + fixPart;
            }
        }
        // Only values nobody types (a container name of hundreds of characters) make the fix itself cut.
        return UserText.oneLine(head + UserText.oneLine(message, SHORTEST_PROBLEM) + fixPart, HARD_LIMIT);
    }

    /** The non-empty parts, one clean line, one space apart. */
    private static String joined(String... parts) {
        return String.join(" ", Arrays.stream(parts).map(UserText::oneLine).filter(part -> !part.isEmpty()).toList());
    }
}
