package dev.guildhall.automod.engine;

import dev.guildhall.automod.text.NormalizedText;
import dev.guildhall.automod.text.TextNormalizer;

/**
 * A keyword with Discord's wildcard strategy: {@code cat} whole word, {@code cat*} prefix (the word starts with
 * it), {@code *cat} suffix (the word ends with it), {@code *cat*} anywhere. Phrases work the same way.
 */
record KeywordPattern(String keyword, NormalizedText normalized, boolean wordStart, boolean wordEnd) {

    static KeywordPattern parse(String keyword) {
        String k = keyword.strip();
        boolean leading = k.startsWith("*");
        boolean trailing = k.length() > 1 && k.endsWith("*");
        String core = k.substring(leading ? 1 : 0, trailing ? k.length() - 1 : k.length());
        return new KeywordPattern(keyword, TextNormalizer.pattern(core), !leading, !trailing);
    }

    char[] chars() {
        return normalized.collapsed().toCharArray();
    }

    /**
     * Whether this keyword, found in {@code text} ending at {@code end}, really matches there: every run of the
     * text is as long as the keyword's, or stretched to {@link TextNormalizer#STRETCH} or more (any length at a
     * wildcard end, where the word goes on: {@code cat*} in {@code CAttLE}); and the word
     * boundaries the wildcards ask for hold.
     */
    boolean matchesAt(NormalizedText text, int end) {
        int len = normalized.length();
        int start = end - len + 1;
        for (int k = 0; k < len; k++) {
            int have = text.run(start + k);
            int want = normalized.run(k);
            boolean openEnd = k == 0 && !wordStart || k == len - 1 && !wordEnd;
            if (have != want && (have < want || have < TextNormalizer.STRETCH && !openEnd)) {
                return false;
            }
        }
        if (wordStart && start > 0 && text.isWordChar(start - 1)) {
            return false;
        }
        return !wordEnd || end + 1 >= text.length() || !text.isWordChar(end + 1);
    }

    /**
     * The original-text range of a match ending at {@code end}: whole runs, except that an open (wildcard) end
     * whose last character appears once in the keyword takes only one repetition ({@code cat*} in
     * {@code CAttLE} is {@code CAt}).
     */
    int[] originalRange(NormalizedText text, int end) {
        int len = normalized.length();
        int start = end - len + 1;
        boolean oneRepetitionAtEnd = !wordEnd && normalized.run(len - 1) == 1;
        boolean oneRepetitionAtStart = !wordStart && normalized.run(0) == 1 && !(len == 1 && oneRepetitionAtEnd);
        int from = oneRepetitionAtStart ? text.originalLastStart(start) : text.originalStart(start);
        int to = oneRepetitionAtEnd ? text.originalFirstEnd(end) : text.originalEnd(end);
        return new int[] {from, to};
    }
}
