package io.rdbguard.core.redis;

/** The formats of one magic from {@code min} to {@code max} version, inclusive. */
public record FormatRange(String magic, int min, int max) {

    public FormatRange {
        if (min > max) {
            throw new IllegalArgumentException("range " + magic + " " + min + ".." + max + " is empty");
        }
    }

    public static FormatRange between(Format first, Format last) {
        if (!first.magic().equals(last.magic())) {
            throw new IllegalArgumentException(first + ".." + last + " mixes two magics; write one range per magic");
        }
        return new FormatRange(first.magic(), first.version(), last.version());
    }

    public boolean contains(Format format) {
        return magic.equals(format.magic()) && format.version() >= min && format.version() <= max;
    }

    @Override
    public String toString() {
        return new Format(magic, min).header() + ".." + new Format(magic, max).header();
    }
}
