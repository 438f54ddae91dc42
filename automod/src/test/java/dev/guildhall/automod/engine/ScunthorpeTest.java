package dev.guildhall.automod.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guildhall.automod.rules.KeywordPresetType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Scunthorpe problem: innocent words and place names that contain a profane substring must not trigger any
 * preset, even with every evasion step (leet, repeats, joining) switched on.
 */
class ScunthorpeTest {
    private static final CompiledRules ALL_PRESETS = Rules.compile(
            Rules.presets(KeywordPresetType.PROFANITY, KeywordPresetType.SEXUAL_CONTENT, KeywordPresetType.SLURS));

    static List<String> innocentWords() {
        return List.of(
                "Scunthorpe", "Penistone", "Lightwater", "Clitheroe", "Sussex", "Essex", "Middlesex", "Shitterton",
                "Cockermouth", "Cockburnspath", "Hancock", "Dickens", "Dickinson", "Matsushita", "Arsenal",
                "assassin", "assassination", "classic", "classroom", "bass", "bassist", "compass", "embassy",
                "passage", "massachusetts", "grasshopper", "harass", "cassette", "assessment", "assume",
                "cocktail", "peacock", "shuttlecock", "cockpit", "hitchcock", "therapist", "therapists",
                "grape", "drape", "scrape", "shitake", "document", "cumulative", "cucumber", "circumstance",
                "scumbag? no: scum", "title", "titillate", "constitution", "petition", "competition",
                "analysis", "analyst", "canal", "banal", "spice", "hospice", "skyscraper", "snigger", "niger river",
                "Nigeria", "ambassador", "cockatoo", "butterscotch", "buttress", "button", "rebuttal", "shitzu? no: shih tzu",
                "pussycat? no: pussywillow", "Sherlock", "Twatt", "cunning", "hello",
                "Kuntz", "kumquat", "spicy", "raccoon", "cocoon", "tycoon", "Scunthorpe United", "wankel engine",
                "piston", "whore? no: whorl", "bitcoin", "pricks? no: prickly pear", "manuscript", "dictionary",
                "homogeneous", "homophone", "japan", "Japanese", "paki? no: Pakistan", "Pakistani",
                "spicks and specks? no: specks", "gooks? no: googled", "wigwam", "chinks? no: chinking glasses? no: china",
                "mulch", "honkytonk? no: honk", "retardant");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("innocentWords")
    void innocentWordsDoNotTriggerPresets(String entry) {
        // entries like "x? no: y" mean: x would rightly trigger, y is the innocent word under test
        String word = entry.contains("? no: ") ? entry.substring(entry.lastIndexOf("? no: ") + 6) : entry;
        for (String sentence : List.of(word, "I saw " + word + " yesterday.", word.toUpperCase(), word + "!!!")) {
            Verdict v = Rules.evaluate(ALL_PRESETS, sentence);
            assertThat(v.matches()).as(sentence).isEmpty();
        }
    }

    @Test
    void corpusHasAtLeastFiftyWords() {
        assertThat(innocentWords()).hasSizeGreaterThanOrEqualTo(50);
    }

    @Test
    void namesThatAreWholeProfaneWordsNeedTheAllowList() {
        var rule = Rules.rule(dev.guildhall.automod.rules.TriggerType.KEYWORD_PRESET,
                dev.guildhall.automod.rules.TriggerMetadata.presets(List.of(KeywordPresetType.PROFANITY),
                        List.of("moby dick", "dick van dyke")),
                List.of(dev.guildhall.automod.rules.Action.block()));
        CompiledRules rules = Rules.compile(rule);
        assertThat(Rules.evaluate(rules, "reading Moby Dick again").matches()).isEmpty();
        assertThat(Rules.evaluate(rules, "Dick Van Dyke was great").matches()).isEmpty();
        assertThat(Rules.matched(rules, "Moby Dick, you dick")).isEqualTo("dick");
    }

    @Test
    void everydaySentencesDoNotTrigger() {
        for (String s : List.of("as soon as possible", "I'll kill you in the next round", "the cat sat on the mat",
                "Call 911 or 112", "Meet at 5:30 in room 101", "that was a classic assassin play",
                "a b c d e f", "U.S.A. vs U.K.", "the spice must flow", "grab a cocktail after the raid")) {
            assertThat(Rules.evaluate(ALL_PRESETS, s).matches()).as(s).isEmpty();
        }
    }

    @Test
    void everydayWordsTheSourceListRatesProfaneAreExcluded() {
        CompiledRules rules = Rules.compile(Rules.presets(KeywordPresetType.PROFANITY, KeywordPresetType.SLURS));
        for (String s : List.of("homo sapiens", "el gato negro", "sink the eight ball", "that was stupid", "welfare state",
                "don't niggle", "check the dipstick", "my chonky cat", "Hajji Baba", "a twinkie please", "snatch the flag")) {
            assertThat(Rules.evaluate(rules, s).matches()).as(s).isEmpty();
        }
    }

    @Test
    void thePresetsStillCatchTheRealWords() {
        assertThat(Rules.matched(ALL_PRESETS, "what the fuck")).isEqualTo("fuck");
        assertThat(Rules.matched(ALL_PRESETS, "you are a dickhead")).isEqualTo("dickhead");
        assertThat(Rules.matched(ALL_PRESETS, "Shit.")).isEqualTo("Shit");
    }
}
