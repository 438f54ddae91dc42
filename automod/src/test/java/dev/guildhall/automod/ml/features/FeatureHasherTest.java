package dev.guildhall.automod.ml.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guildhall.automod.text.TextNormalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeatureHasherTest {
    private final FeatureHasher hasher = new FeatureHasher(1 << 12, 3, 5);

    private static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        TextNormalizer.variants(text).forEach(v -> FeatureHasher.words(v).forEach(w -> out.add(new String(w))));
        return out;
    }

    private Set<Integer> buckets(String text) {
        HashedFeatures f = hasher.extract(text);
        Set<Integer> out = new HashSet<>();
        for (int i = 0; i < f.size(); i++) {
            out.add(f.index(i));
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "y0u 4re 4n 1d10t | idiot",
        "f u c k this | fuck",
        "f.u.c.k this | fuck",
        "fuuuuuck | fuck",
        "ＦＲＥＥ ＮＩＴＲＯ | nitro",
        "fr\u200bee nitro | free",
        "𝐃𝐈𝐒𝐂𝐎𝐑𝐃 | discord",
    })
    void evasionsFoldToTheWordAsTheRulesSeeIt(String text, String word) {
        assertThat(words(text)).contains(word);
    }

    @Test
    void scunthorpeStaysOneWord() {
        assertThat(words("I grew up in Scunthorpe")).contains("scunthorpe").doesNotContain("cunt");
        assertThat(words("the assassin's cocktail")).contains("assassin", "cocktail").doesNotContain("ass", "cock");
    }

    @Test
    void obfuscatedAndPlainShareTheirWordFeatures() {
        Set<Integer> plain = buckets("you are an idiot");
        Set<Integer> leet = buckets("y0u 4re 4n 1d10t");
        Set<Integer> shared = new HashSet<>(plain);
        shared.retainAll(leet);
        assertThat(shared.size()).isGreaterThan(plain.size() * 8 / 10);
    }

    @Test
    void deterministicInRangeAndNormalised() {
        HashedFeatures a = hasher.extract("FREE NITRO!!! https://dlscord.gift/claim @everyone");
        HashedFeatures b = hasher.extract("FREE NITRO!!! https://dlscord.gift/claim @everyone");
        assertThat(a.size()).isEqualTo(b.size()).isGreaterThan(20);
        double sumSquares = 0;
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.index(i)).isEqualTo(b.index(i)).isBetween(1, (1 << 12) - 1);
            sumSquares += a.value(i) * a.value(i);
        }
        assertThat(sumSquares).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(hasher.extract("").size()).isEqualTo(1); // the length shape feature only
    }

    @Test
    void linkShapeFeaturesMarkLinks() {
        Set<Integer> withLink = buckets("look at this https://dlscord.xyz/gift");
        Set<Integer> without = buckets("look at this");
        assertThat(withLink).hasSizeGreaterThan(without.size() + 5);
        Set<Integer> shared = new HashSet<>(withLink);
        shared.retainAll(without);
        assertThat(shared).hasSizeGreaterThanOrEqualTo(without.size() - 1); // all but the length feature
    }

    @Test
    void onlyTheFirstTwoThousandCharactersCount() {
        String head = "a".repeat(10) + " " + "word ".repeat(397);
        assertThat(head.length()).isLessThanOrEqualTo(FeatureHasher.MAX_CHARS);
        String padded = head + " ".repeat(FeatureHasher.MAX_CHARS - head.length());
        assertThat(buckets(padded + " totally different tail")).isEqualTo(buckets(padded));
    }

    @Test
    void rejectsBadConfiguration() {
        assertThatThrownBy(() -> new FeatureHasher(1000, 3, 5)).hasMessageContaining("power of two");
        assertThatThrownBy(() -> new FeatureHasher(1024, 5, 3)).hasMessageContaining("n-gram");
    }

    @Test
    void wordsReadStretchedLettersOnceButKeepDoubleLetters() {
        assertThat(words("good cooool")).contains("good", "col");
        assertThat(List.copyOf(words("sooo good"))).contains("so", "good");
    }
}
