package dev.guildhall.automod.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;

/** Properties of the normalisation every match relies on. */
class NormalizationPropertiesTest {

    @Property(tries = 500)
    void offsetsAlwaysPointIntoTheOriginalInOrder(@ForAll("messy") String content) {
        for (NormalizedText t : TextNormalizer.variants(content)) {
            int previousEnd = 0;
            for (int i = 0; i < t.length(); i++) {
                assertThat(t.originalStart(i)).isBetween(0, content.length());
                assertThat(t.originalEnd(i)).isBetween(t.originalStart(i) + 1, content.length());
                assertThat(t.originalFirstEnd(i)).isBetween(t.originalStart(i) + 1, t.originalEnd(i));
                assertThat(t.originalLastStart(i)).isBetween(t.originalStart(i), t.originalEnd(i) - 1);
                assertThat(t.originalStart(i)).isGreaterThanOrEqualTo(previousEnd - 1);
                assertThat(t.run(i)).isPositive();
                previousEnd = t.originalEnd(i);
            }
        }
    }

    @Property(tries = 300)
    void invisibleCharactersChangeNothing(@ForAll @AlphaChars @StringLength(min = 1, max = 40) String word,
                                          @ForAll("invisible") char invisible) {
        String spliced = word.charAt(0) + String.valueOf(invisible) + word.substring(1);
        assertThat(TextNormalizer.foldedCollapsed(spliced)).isEqualTo(TextNormalizer.foldedCollapsed(word));
    }

    @Property(tries = 300)
    void caseDoesNotMatter(@ForAll @AlphaChars @StringLength(max = 40) String word) {
        assertThat(TextNormalizer.foldedCollapsed(word.toUpperCase())).isEqualTo(TextNormalizer.foldedCollapsed(word.toLowerCase()));
    }

    @Property(tries = 300)
    void foldingIsIdempotent(@ForAll("messy") String content) {
        String once = TextNormalizer.variants(content).get(0).expanded();
        assertThat(TextNormalizer.variants(once).get(0).expanded()).isEqualTo(once);
    }

    @Property(tries = 300)
    void wordsWithoutSingleLettersKeepTheirBoundaries(@ForAll("words") List<String> words) {
        // joining only ever merges single letters: a text of longer words keeps exactly its words
        String text = String.join(" ", words);
        assertThat(TextNormalizer.variants(text).get(0).expanded()).isEqualTo(text.toLowerCase());
    }

    @Provide
    Arbitrary<String> messy() {
        return Arbitraries.strings()
                .withChars("abcXYZ019 .-_*$@!\u200B\u200D\uFEFF\u00ADаеоΑΟｆ𝐟ßİé\u0301\n\t")
                .ofMaxLength(80);
    }

    @Provide
    Arbitrary<Character> invisible() {
        return Arbitraries.of('\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u034F', '\uFE0F', '\u202E');
    }

    @Provide
    Arbitrary<List<String>> words() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2).ofMaxLength(10)
                .filter(w -> !w.matches(".*(.)\\1.*"))
                .list().ofMinSize(1).ofMaxSize(8);
    }
}
