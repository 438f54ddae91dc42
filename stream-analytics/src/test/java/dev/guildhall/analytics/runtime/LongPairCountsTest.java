package dev.guildhall.analytics.runtime;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LongPairCountsTest {

    @Test
    void countsEqualAHashMapOverManyKeysThroughGrowthAndClear() {
        LongPairCounts counts = new LongPairCounts();
        Map<List<Long>, Long> expected = new HashMap<>();
        Random random = new Random(5);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 300_000; i++) {
                long a = random.nextInt(1000) * 1_000_000_007L;   // snowflake-like, and negative / zero keys too
                long b = random.nextInt(300) - 150;
                long n = 1 + random.nextInt(3);
                boolean isNew = counts.add(a, b, n);
                assertThat(isNew).isEqualTo(!expected.containsKey(List.of(a, b)));
                expected.merge(List.of(a, b), n, Long::sum);
            }
            assertThat(counts.size()).isEqualTo(expected.size());
            Map<List<Long>, Long> actual = new HashMap<>();
            counts.forEach((a, b, n) -> actual.put(List.of(a, b), n));
            assertThat(actual).isEqualTo(expected);
            expected.forEach((k, n) -> assertThat(counts.get(k.get(0), k.get(1))).isEqualTo(n));
            assertThat(counts.get(-1, -1)).isZero();
            counts.clear();
            expected.clear();
            assertThat(counts.size()).isZero();
            counts.forEach((a, b, n) -> {
                throw new AssertionError("cleared table visited " + a + "/" + b);
            });
        }
    }

    @Test
    void rejectsANonPositiveIncrement() {
        assertThatThrownBy(() -> new LongPairCounts().add(1, 2, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
