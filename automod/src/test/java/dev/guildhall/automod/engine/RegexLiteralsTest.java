package dev.guildhall.automod.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The regex prefilter: the literals it requires, and that it never hides a real match. */
class RegexLiteralsTest {
    static final List<String> PATTERNS = List.of("(b|c)at", "^(?:[0-9]{1,3}\\.){3}[0-9]{1,3}$", "discord\\.gg/\\w+",
            "(?i)free\\s+nitro", "[A-Z]{12,}", "ab?c", "a*b", "(ab)+c{2}", "x|yz", "(?i:AbC)|d", "[]a]b", "[a[]|b]z",
            "a{2,}b", "\\bab\\b", "(?P<n>ab)c", "a.c", "ab|", "(a|)b", "\\.\\*", "[[:alpha:]]x", "ſ", "(?i)k", "é+");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', textBlock = """
            (b|c)at;                          bat|cat
            discord\\.gg/\\w+;                discord.gg/
            (?i)free\\s+nitro;                nitro
            [A-Z]{12,};
            ab?c;                             a
            (ab)+c{2};                        ab
            x|yz;                             x|yz
            (?i:AbC)|d;                       abc|d
            ab|;
            (a|)b;                            ab|b
            [a[]|b]z;
            \\bword\\b;                       word
            """)
    void requiredLiterals(String pattern, String expected) {
        Set<String> want = expected == null ? Set.of() : Set.of(expected.split("\\|"));
        assertThat(RegexLiterals.required(pattern)).isEqualTo(want);
    }

    @Property(tries = 3000)
    void aTextTheRegexMatchesAlwaysContainsARequiredLiteral(@ForAll("patterns") String pattern, @ForAll("texts") String text) {
        if (!Pattern.compile(pattern).matcher(text).find()) {
            return;
        }
        Set<String> required = RegexLiterals.required(pattern);
        if (required.isEmpty()) {
            return;
        }
        String folded = RegexLiterals.fold(text);
        assertThat(required).as("%s matches %s", pattern, text).anyMatch(folded::contains);
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.of(PATTERNS);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("abcdxyzABCKſkée]|.*[ 0123/").ofMaxLength(16);
    }
}
