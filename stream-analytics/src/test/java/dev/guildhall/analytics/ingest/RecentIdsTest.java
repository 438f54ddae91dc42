package dev.guildhall.analytics.ingest;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecentIdsTest {

    @Test
    void remembersTheLastCapacityIdsOldestFirst() {
        RecentIds ids = new RecentIds(3);
        assertThat(ids.add(10)).isTrue();
        assertThat(ids.add(11)).isTrue();
        assertThat(ids.add(10)).isFalse();
        assertThat(ids.add(12)).isTrue();
        assertThat(ids.add(13)).isTrue();            // 10 leaves
        assertThat(ids.toArray()).containsExactly(11, 12, 13);
        assertThat(ids.contains(10)).isFalse();
        assertThat(ids.add(10)).isTrue();            // too old to be known: new again
        assertThat(ids.toArray()).containsExactly(12, 13, 10);
        assertThat(ids.size()).isEqualTo(3);
    }

    @Test
    void zeroAndNegativeIdsAreIdsLikeAnyOther() {
        RecentIds ids = new RecentIds(4);
        assertThat(ids.add(0)).isTrue();
        assertThat(ids.add(0)).isFalse();
        assertThat(ids.add(-5)).isTrue();
        assertThat(ids.contains(0)).isTrue();
        assertThat(ids.contains(-5)).isTrue();
    }

    @Test
    void restoredFromItsArrayItKnowsTheSameIds() {
        RecentIds ids = RecentIds.of(3, new long[]{1, 2, 3, 4, 5});
        assertThat(ids.toArray()).containsExactly(3, 4, 5);
        RecentIds copy = RecentIds.of(3, ids.toArray());
        assertThat(copy.add(4)).isFalse();
        assertThat(copy.add(2)).isTrue();
    }

    @Test
    void agreesWithABruteForceWindowOverManyCollidingIds() {
        // small id space and a capacity that is not a power of two: many probe runs, evictions and backward shifts
        Random random = new Random(42);
        int capacity = 37;
        RecentIds ids = new RecentIds(capacity);
        Deque<Long> window = new ArrayDeque<>();
        for (int i = 0; i < 200_000; i++) {
            long id = random.nextInt(120) * 1024L;   // the same low bits: they collide in the index
            boolean expected = !window.contains(id);
            assertThat(ids.add(id)).as("add #%d of %d", i, id).isEqualTo(expected);
            if (expected) {
                window.addLast(id);
                if (window.size() > capacity) {
                    window.removeFirst();
                }
            }
        }
        Set<Long> held = new HashSet<>();
        for (long id : ids.toArray()) {
            held.add(id);
        }
        assertThat(held).containsExactlyInAnyOrderElementsOf(window);
        assertThat(ids.toArray()).containsExactly(window.stream().mapToLong(Long::longValue).toArray());
    }

    @Test
    void capacityMustBePositive() {
        assertThatThrownBy(() -> new RecentIds(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
