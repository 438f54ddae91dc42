package dev.guildhall.automod.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Normalisation against evasion, applied to message content before keyword matching.
 *
 * <ol>
 *   <li>Folding per code point ({@link CharFolding}): NFKC, case folding, diacritics, invisible characters,
 *       Cyrillic/Greek look-alikes, whitespace.</li>
 *   <li>Spaced-out words are joined: three or more single letters or digits separated only by short runs of
 *       spaces or punctuation ({@code f u c k}, {@code f.u.c.k}, {@code f-u-c-k}) become one word.</li>
 *   <li>Leet-speak, only inside tokens (space-separated) that contain a letter, so plain numbers stay numbers:
 *       4→a, 3→e, 1→i (a second variant reads 1→l), 0→o, 5→s, 7→t, @→a, $→s.</li>
 *   <li>Runs of one character collapse to one position that remembers the run length; a keyword matches when
 *       every one of its runs is at least as long in the text ({@code fuuuck} matches {@code fuck}, but
 *       {@code as} does not match {@code ass}).</li>
 * </ol>
 * Word boundaries survive every step: only letters and digits are word characters, and nothing joins two
 * multi-letter words, so whole-word keywords never match inside longer words (the Scunthorpe problem).
 */
public final class TextNormalizer {
    /** A letter repeated this many times in a row is read as a stretched single letter ({@code fuuuck}). */
    public static final int STRETCH = 3;
    private static final int MAX_JOIN_GAP = 3;

    private TextNormalizer() {
    }

    /**
     * The variants of a message that keywords are matched against: the folded text as written, and when it
     * contains leet-speak, the leet-decoded text (twice if a {@code 1} could be an {@code i} or an {@code l}).
     */
    public static List<NormalizedText> variants(String content) {
        Folded f = fold(content);
        joinSpacedLetters(f);
        List<NormalizedText> out = new ArrayList<>(3);
        out.add(collapse(f, null));
        char[] leetI = leet(f, 'i');
        if (leetI != null) {
            out.add(collapse(f, leetI));
            if (hasLeetOne(f)) {
                out.add(collapse(f, leet(f, 'l')));
            }
        }
        return out;
    }

    /**
     * A keyword (wildcards already removed) normalised as a pattern: folded, spaced letters joined (so the keyword
     * {@code a b c} meets the joined text {@code abc}) and collapsed; no leet, so keywords with digits match as
     * written.
     */
    public static NormalizedText pattern(String keyword) {
        Folded f = fold(keyword);
        joinSpacedLetters(f);
        return trimSpaces(collapse(f, null));
    }

    /** The folded text only, without leet decoding, as one string (for duplicate detection and tests). */
    public static String foldedCollapsed(String content) {
        Folded f = fold(content);
        joinSpacedLetters(f);
        return collapse(f, null).collapsed();
    }

    static final class Folded {
        char[] chars;
        int[] starts;
        int[] ends;
        boolean[] dropped;
        int length;

        Folded(int capacity) {
            chars = new char[capacity];
            starts = new int[capacity];
            ends = new int[capacity];
        }

        void add(char c, int start, int end) {
            if (length == chars.length) {
                int cap = Math.max(16, length * 2);
                chars = Arrays.copyOf(chars, cap);
                starts = Arrays.copyOf(starts, cap);
                ends = Arrays.copyOf(ends, cap);
            }
            chars[length] = c;
            starts[length] = start;
            ends[length] = end;
            length++;
        }
    }

    static Folded fold(String s) {
        Folded f = new Folded(s.length() + 8);
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c < 128) {
                int a = CharFolding.foldAscii(c);
                if (a >= 0) {
                    f.add((char) a, i, i + 1);
                }
                i++;
                continue;
            }
            int cp = s.codePointAt(i);
            int next = i + Character.charCount(cp);
            String folded = CharFolding.foldNonAscii(cp);
            for (int k = 0; k < folded.length(); k++) {
                f.add(folded.charAt(k), i, next);
            }
            i = next;
        }
        f.dropped = new boolean[f.length];
        return f;
    }

    private static boolean word(char c) {
        return Character.isLetterOrDigit(c);
    }

    /** Marks the separators between three or more spaced-out single characters as dropped. */
    static void joinSpacedLetters(Folded f) {
        int n = f.length;
        char[] c = f.chars;
        int groupStart = -1;
        int groupSize = 0;
        int last = -1;
        for (int i = 0; i < n; i++) {
            if (!word(c[i]) || (i > 0 && word(c[i - 1])) || (i + 1 < n && word(c[i + 1]))) {
                continue;
            }
            // c[i] is a single letter or digit between separators
            if (last >= 0 && gapLength(c, last + 1, i) <= MAX_JOIN_GAP) {
                groupSize++;
            } else {
                dropGaps(f, groupStart, last, groupSize);
                groupStart = i;
                groupSize = 1;
            }
            last = i;
        }
        dropGaps(f, groupStart, last, groupSize);
    }

    /** The separators between two positions, a run of spaces counting once (as it will after collapsing). */
    private static int gapLength(char[] c, int from, int to) {
        int length = 0;
        for (int k = from; k < to; k++) {
            if (c[k] != ' ' || k == from || c[k - 1] != ' ') {
                length++;
            }
        }
        return length;
    }

    private static void dropGaps(Folded f, int from, int to, int size) {
        if (size < 3) {
            return;
        }
        for (int i = from; i <= to; i++) {
            if (!word(f.chars[i])) {
                f.dropped[i] = true;
            }
        }
    }

    private static char leetOf(char c, char one) {
        return switch (c) {
            case '4', '@' -> 'a';
            case '3' -> 'e';
            case '1' -> one;
            case '0' -> 'o';
            case '5', '$' -> 's';
            case '7' -> 't';
            default -> 0;
        };
    }

    /** The leet-decoded characters, or null when no token with a letter holds a leet character. */
    private static char[] leet(Folded f, char one) {
        char[] out = null;
        int n = f.length;
        int i = 0;
        while (i < n) {
            if (f.chars[i] == ' ' && !f.dropped[i]) {
                i++;
                continue;
            }
            int end = i;
            boolean letter = false;
            boolean leet = false;
            while (end < n && !(f.chars[end] == ' ' && !f.dropped[end])) {
                if (!f.dropped[end]) {
                    char c = f.chars[end];
                    letter |= Character.isLetter(c);
                    leet |= leetOf(c, one) != 0;
                }
                end++;
            }
            if (letter && leet) {
                if (out == null) {
                    out = Arrays.copyOf(f.chars, n);
                }
                for (int k = i; k < end; k++) {
                    char m = leetOf(f.chars[k], one);
                    if (m != 0 && !f.dropped[k]) {
                        out[k] = m;
                    }
                }
            }
            i = end;
        }
        return out;
    }

    private static boolean hasLeetOne(Folded f) {
        for (int i = 0; i < f.length; i++) {
            if (f.chars[i] == '1') {
                return true;
            }
        }
        return false;
    }

    private static NormalizedText collapse(Folded f, char[] mapped) {
        char[] src = mapped == null ? f.chars : mapped;
        int n = f.length;
        char[] chars = new char[n];
        int[] runs = new int[n];
        int[] starts = new int[n];
        int[] ends = new int[n];
        int[] firstEnds = new int[n];
        int[] lastStarts = new int[n];
        int len = 0;
        for (int i = 0; i < n; i++) {
            if (f.dropped[i]) {
                continue;
            }
            char c = src[i];
            if (len > 0 && chars[len - 1] == c) {
                if (c != ' ') {
                    runs[len - 1]++;
                }
                ends[len - 1] = f.ends[i];
                lastStarts[len - 1] = f.starts[i];
                continue;
            }
            chars[len] = c;
            runs[len] = 1;
            starts[len] = f.starts[i];
            ends[len] = f.ends[i];
            firstEnds[len] = f.ends[i];
            lastStarts[len] = f.starts[i];
            len++;
        }
        return new NormalizedText(chars, runs, starts, ends, firstEnds, lastStarts, len);
    }

    private static NormalizedText trimSpaces(NormalizedText t) {
        int from = 0;
        int to = t.length;
        while (from < to && t.chars[from] == ' ') {
            from++;
        }
        while (to > from && t.chars[to - 1] == ' ') {
            to--;
        }
        if (from == 0 && to == t.length) {
            return t;
        }
        int len = to - from;
        return new NormalizedText(Arrays.copyOfRange(t.chars, from, to), Arrays.copyOfRange(t.runs, from, to),
                Arrays.copyOfRange(t.originalStarts, from, to), Arrays.copyOfRange(t.originalEnds, from, to),
                Arrays.copyOfRange(t.firstEnds, from, to), Arrays.copyOfRange(t.lastStarts, from, to), len);
    }
}
