package dev.guildhall.simulator.chat;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ChatterGeneratorTest {

    @Test
    void sameSeedSameChatter() {
        ChatterGenerator a = new ChatterGenerator(99);
        ChatterGenerator b = new ChatterGenerator(99);
        for (int i = 0; i < 100; i++) {
            assertThat(a.next()).isEqualTo(b.next());
        }
    }

    @Test
    void linesAreValidMessagesWithVariety() {
        ChatterGenerator g = new ChatterGenerator(7);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            lines.add(g.next());
        }
        Set<String> distinct = new HashSet<>(lines);
        assertThat(lines).allSatisfy(l -> {
            assertThat(l).isNotBlank();
            assertThat(l.length()).isLessThanOrEqualTo(ChatterGenerator.MAX_LENGTH);
            assertThat(l).doesNotContain("{").doesNotContain("}");
            assertThat(l).isEqualTo(l.strip());
        });
        assertThat(distinct).as("distinct lines out of 500").hasSizeGreaterThan(150);
    }
}
