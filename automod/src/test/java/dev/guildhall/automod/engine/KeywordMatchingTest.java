package dev.guildhall.automod.engine;

import static dev.guildhall.automod.engine.Rules.compile;
import static dev.guildhall.automod.engine.Rules.keywords;
import static dev.guildhall.automod.engine.Rules.matched;
import static org.assertj.core.api.Assertions.assertThat;

import dev.guildhall.automod.rules.Action;
import dev.guildhall.automod.rules.TriggerMetadata;
import dev.guildhall.automod.rules.TriggerType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Discord's keyword matching strategies, row by row from the docs' tables, plus the counter-examples. */
class KeywordMatchingTest {

    /** The excerpt is the part the docs print in bold: the keyword's own characters, not the whole word. */
    @ParameterizedTest(name = "{0} matches {1} as {2}")
    @CsvSource(delimiter = '|', textBlock = """
            cat*      | catch                 | cat
            cat*      | Catapult              | Cat
            cat*      | CAttLE                | CAt
            tra*      | train                 | tra
            tra*      | trade                 | tra
            tra*      | TRAditional           | TRA
            the mat*  | the matrix            | the mat
            *cat      | wildcat               | cat
            *cat      | copyCat               | Cat
            *tra      | extra                 | tra
            *tra      | ultra                 | tra
            *tra      | orchesTRA             | TRA
            *the mat  | breathe mat           | the mat
            *cat*     | location              | cat
            *cat*     | eduCation             | Cat
            *tra*     | abstracted            | tra
            *tra*     | outrage               | tra
            *the mat* | breathe matter        | the mat
            cat       | cat                   | cat
            train     | train                 | train
            the mat   | the mat               | the mat
            """)
    void documentedMatches(String keyword, String content, String excerpt) {
        String found = matched(compile(keywords(keyword)), "well, " + content + " indeed");
        assertThat(found).isEqualTo(excerpt);
    }

    @ParameterizedTest(name = "{0} does not match {1}")
    @CsvSource(delimiter = '|', textBlock = """
            cat       | catch
            cat       | wildcat
            cat       | location
            cat*      | wildcat
            cat*      | location
            *cat      | catch
            *cat      | location
            train     | trains
            the mat   | the matrix
            the mat   | breathe mat
            """)
    void documentedNonMatches(String keyword, String content) {
        assertThat(matched(compile(keywords(keyword)), "well, " + content + " indeed")).isNull();
    }

    @Test
    void wholeWordsAreBoundedByPunctuationAndTextEdges() {
        CompiledRules rules = compile(keywords("cat"));
        assertThat(matched(rules, "cat")).isEqualTo("cat");
        assertThat(matched(rules, "my cat!")).isEqualTo("cat");
        assertThat(matched(rules, "(cat)")).isEqualTo("cat");
        assertThat(matched(rules, "cat's toy")).isEqualTo("cat");
        assertThat(matched(rules, "concatenate")).isNull();
    }

    @Test
    void phrasesMatchAcrossAnyWhitespace() {
        CompiledRules rules = compile(keywords("i like c++"));
        assertThat(matched(rules, "Honestly I   like\nC++ a lot")).isEqualTo("I   like\nC++");
    }

    @Test
    void phrasesOfSingleLettersStillMatch() {
        CompiledRules rules = compile(keywords("plan b c d"));
        assertThat(matched(rules, "go with plan B C D now")).isEqualTo("plan B C D");
    }

    @Test
    void excerptIsTheOriginalTextEvenWhenNormalised() {
        CompiledRules rules = compile(keywords("badword"));
        assertThat(matched(rules, "you BΑDW\u200BORD you")).isEqualTo("BΑDW\u200BORD");
    }

    @Test
    void allowListExemptsCoveredOccurrencesOnly() {
        var rule = Rules.rule(TriggerType.KEYWORD,
                TriggerMetadata.keywords(List.of("*ana*"), List.of(), List.of("banana", "*anal*")), List.of(Action.block()));
        CompiledRules rules = compile(rule);
        assertThat(matched(rules, "a banana split")).isNull();
        assertThat(matched(rules, "an analysis")).isNull();
        assertThat(matched(rules, "a banana and a canary")).isEqualTo("ana");
    }

    @Test
    void regexPatternsMatchTheContentWithRustLikeSyntax() {
        var rule = Rules.rule(TriggerType.KEYWORD, TriggerMetadata.keywords(List.of(),
                List.of("(b|c)at", "^(?:[0-9]{1,3}\\.){3}[0-9]{1,3}$"), List.of()), List.of(Action.block()));
        CompiledRules rules = compile(rule);
        assertThat(matched(rules, "a bat flew")).isEqualTo("bat");
        assertThat(matched(rules, "10.0.0.1")).isEqualTo("10.0.0.1");
        assertThat(matched(rules, "ip is 10.0.0.1 ok")).isNull();
        assertThat(evaluate(rules, "a bat").matches().get(0).matchedKeyword()).isEqualTo("(b|c)at");
    }

    @Test
    void allowListAlsoCoversRegexMatches() {
        var rule = Rules.rule(TriggerType.KEYWORD, TriggerMetadata.keywords(List.of(), List.of("c[a-z]t"), List.of("cut")),
                List.of(Action.block()));
        CompiledRules rules = compile(rule);
        assertThat(matched(rules, "a cut")).isNull();
        assertThat(matched(rules, "a cut and a cat")).isEqualTo("cat");
    }

    @Test
    void catastrophicRegexRunsInLinearTime() {
        var rule = Rules.rule(TriggerType.KEYWORD, TriggerMetadata.keywords(List.of(), List.of("(a+)+$", "(a|aa)+b"), List.of()),
                List.of(Action.block()));
        CompiledRules rules = compile(rule);
        String evil = "a".repeat(1999) + "!";
        long t0 = System.nanoTime();
        assertThat(matched(rules, evil)).isNull();
        assertThat(System.nanoTime() - t0).isLessThan(500_000_000L);
    }

    @Test
    void emptyRegexMatchesAreSkippedWithoutLooping() {
        var rule = Rules.rule(TriggerType.KEYWORD, TriggerMetadata.keywords(List.of(), List.of("x*", "a*"), List.of()),
                List.of(Action.block()));
        CompiledRules rules = compile(rule);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> {
            assertThat(matched(rules, "bab")).isEqualTo("a");
            assertThat(matched(rules, "bcd")).isNull();
        });
    }

    @Test
    void keywordMatchedKeywordIsTheConfiguredEntry() {
        Verdict v = evaluate(compile(keywords("cat*", "*dog")), "hotdog");
        assertThat(v.matches()).singleElement().satisfies(m -> {
            assertThat(m.matchedKeyword()).isEqualTo("*dog");
            assertThat(m.matchedContent()).isEqualTo("dog");
            assertThat(m.start()).isEqualTo(3);
            assertThat(m.end()).isEqualTo(6);
        });
    }

    private static Verdict evaluate(CompiledRules rules, String content) {
        return Rules.evaluate(rules, content);
    }
}
