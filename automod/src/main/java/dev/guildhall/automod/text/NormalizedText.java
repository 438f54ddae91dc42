package dev.guildhall.automod.text;

/**
 * Text after normalisation, with runs of one character collapsed to a single position. For every position:
 * the character, how many times it was repeated in a row ({@link #run}) and the original text's UTF-16 range
 * it came from ({@link #originalStart} inclusive, {@link #originalEnd} exclusive), so matches map back to an
 * excerpt of what the author wrote.
 */
public final class NormalizedText implements CharSequence {
    final char[] chars;
    final int[] runs;
    final int[] originalStarts;
    final int[] originalEnds;
    final int[] firstEnds;
    final int[] lastStarts;
    final int length;

    NormalizedText(char[] chars, int[] runs, int[] originalStarts, int[] originalEnds, int[] firstEnds, int[] lastStarts,
                   int length) {
        this.chars = chars;
        this.runs = runs;
        this.originalStarts = originalStarts;
        this.originalEnds = originalEnds;
        this.firstEnds = firstEnds;
        this.lastStarts = lastStarts;
        this.length = length;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int i) {
        return chars[i];
    }

    public int run(int i) {
        return runs[i];
    }

    public int originalStart(int i) {
        return originalStarts[i];
    }

    public int originalEnd(int i) {
        return originalEnds[i];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return collapsed().subSequence(start, end);
    }

    @Override
    public String toString() {
        return collapsed();
    }

    /** Where the first repetition of the run at {@code i} ends in the original text. */
    public int originalFirstEnd(int i) {
        return firstEnds[i];
    }

    /** Where the last repetition of the run at {@code i} starts in the original text. */
    public int originalLastStart(int i) {
        return lastStarts[i];
    }

    /** The collapsed characters (one per run). */
    public String collapsed() {
        return new String(chars, 0, length);
    }

    /** The characters with their repetitions, as a reader would see the normalised text. */
    public String expanded() {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(String.valueOf(chars[i]).repeat(runs[i]));
        }
        return sb.toString();
    }

    /** Whether position {@code i} holds a letter or digit (words are runs of these; anything else separates). */
    public boolean isWordChar(int i) {
        return Character.isLetterOrDigit(chars[i]);
    }
}
