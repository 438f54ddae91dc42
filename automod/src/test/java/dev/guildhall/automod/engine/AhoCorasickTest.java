package dev.guildhall.automod.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** The automaton reports exactly the occurrences a naive search finds. */
class AhoCorasickTest {

    @Property(tries = 500)
    void findsExactlyWhatANaiveSearchFinds(
            @ForAll @Size(min = 1, max = 12) List<@NotEmpty @StringLength(max = 4) @CharRange(from = 'a', to = 'c') String> patterns,
            @ForAll @StringLength(max = 40) @CharRange(from = 'a', to = 'd') String text) {
        AhoCorasick automaton = new AhoCorasick(patterns.stream().map(String::toCharArray).toList());
        Set<List<Integer>> found = new HashSet<>();
        automaton.scan(text, (p, end) -> found.add(List.of(p, end)));
        Set<List<Integer>> expected = new HashSet<>();
        for (int p = 0; p < patterns.size(); p++) {
            String pattern = patterns.get(p);
            for (int at = text.indexOf(pattern); at >= 0; at = text.indexOf(pattern, at + 1)) {
                expected.add(List.of(p, at + pattern.length() - 1));
            }
        }
        assertThat(found).isEqualTo(expected);
    }

    @Property(tries = 50)
    void nonAsciiPatternsToo(@ForAll @StringLength(min = 1, max = 30) @CharRange(from = 'α', to = 'δ') String text) {
        List<String> patterns = new ArrayList<>(List.of("αβ", "β", "γδα", "δ"));
        AhoCorasick automaton = new AhoCorasick(patterns.stream().map(String::toCharArray).toList());
        int[] count = new int[1];
        automaton.scan(text, (p, end) -> count[0]++);
        int expected = 0;
        for (String pattern : patterns) {
            for (int at = text.indexOf(pattern); at >= 0; at = text.indexOf(pattern, at + 1)) {
                expected++;
            }
        }
        assertThat(count[0]).isEqualTo(expected);
    }
}
