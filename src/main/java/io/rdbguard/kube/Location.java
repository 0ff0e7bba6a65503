package io.rdbguard.kube;

/**
 * Where an audited object came from: a file (or {@code -} for stdin) with its 1-based document number and first line,
 * optionally an item of a List and the column of a field (0: unknown), or a cluster (document 0).
 */
public record Location(String source, int document, int line, String item, int column) {

    public Location(String source, int document, int line, String item) {
        this(source, document, line, item, 0);
    }

    public static Location of(String source, int document, int line) {
        return new Location(source, document, line, null);
    }

    /** The same document, at a field's line and column. */
    public Location at(FieldPositions.Position position) {
        return new Location(source, document, position.line(), item, position.column());
    }

    /** A whole file, directory or cluster: the place of a problem that is not in one document. */
    public static Location whole(String name) {
        return new Location(name, 0, 0, null);
    }

    public Location item(int index) {
        return new Location(source, document, line, (item == null ? "" : item) + "items[" + index + "]");
    }

    public boolean inFile() {
        return document > 0;
    }

    /** "new.yaml:42 (document 3, items[0])", or the source's name. */
    public String describe() {
        if (!inFile()) {
            return source;
        }
        return source + ":" + line + " (document " + document + (item == null ? "" : ", " + item) + ")";
    }
}
