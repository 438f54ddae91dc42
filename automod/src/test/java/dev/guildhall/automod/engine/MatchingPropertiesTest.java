package dev.guildhall.automod.engine;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of Discord's wildcard strategies over random words. */
class MatchingPropertiesTest {

    @Property(tries = 300)
    void wholeWordKeywordsMatchOnlyStandingAlone(@ForAll("word") String keyword, @ForAll("word") String prefix,
                                                 @ForAll("word") String suffix) {
        CompiledRules rules = Rules.compile(Rules.keywords(keyword));
        assertThat(Rules.matched(rules, prefix + " " + keyword + " " + suffix)).isEqualTo(keyword);
        assertThat(Rules.matched(rules, "x" + prefix + keyword + " " + suffix)).isNull();
        assertThat(Rules.matched(rules, prefix + " " + keyword + suffix + "x")).isNull();
    }

    @Property(tries = 300)
    void wildcardsOpenTheirSide(@ForAll("word") String keyword, @ForAll("word") String around) {
        String inside = around + keyword + around;
        assertThat(Rules.matched(Rules.compile(Rules.keywords("*" + keyword + "*")), "q " + inside + " q")).isEqualTo(keyword);
        assertThat(Rules.matched(Rules.compile(Rules.keywords(keyword + "*")), "q " + keyword + around + " q")).isEqualTo(keyword);
        assertThat(Rules.matched(Rules.compile(Rules.keywords("*" + keyword)), "q " + around + keyword + " q")).isEqualTo(keyword);
    }

    @Property(tries = 200)
    void theExcerptIsAlwaysASliceOfTheContent(@ForAll("sentence") String content) {
        CompiledRules rules = Rules.compile(Rules.keywords("*a*", "b*", "*c", "de"));
        for (RuleMatch m : Rules.evaluate(rules, content).matches()) {
            assertThat(content.substring(m.start(), m.end())).isEqualTo(m.matchedContent());
        }
    }

    @Provide
    Arbitrary<String> word() {
        // words without doubled letters and without leet digits, so the keyword is read exactly as written
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(3).ofMaxLength(8)
                .filter(w -> !w.matches(".*(.)\\1.*"));
    }

    @Provide
    Arbitrary<String> sentence() {
        return Arbitraries.strings().withChars("abcde 4@.\u200B").ofMaxLength(60);
    }
}
