package dev.guildhall.analytics.ingest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeduplicateTest {

    @Test
    void aCopyWithinTheDepthOfItsPartitionIsDropped() {
        Deduplicate<JobEvent> dedup = fresh(3);
        assertThat(dedup.firstTime(0, 10, "1001")).isTrue();
        assertThat(dedup.firstTime(1, 10, "1001")).isTrue();     // another partition: its own ids
        assertThat(dedup.firstTime(0, 11, "1002")).isTrue();
        assertThat(dedup.firstTime(0, 12, "1001")).isFalse();    // the outbox relay sent it again
        assertThat(dedup.firstTime(0, 13, "1003")).isTrue();
        assertThat(dedup.firstTime(0, 14, "1004")).isTrue();     // 1001 leaves partition 0's last 3 ids
        assertThat(dedup.firstTime(0, 15, "1001")).isTrue();
    }

    @Test
    void aRestoredOperatorKnowsTheIdsOfItsCheckpoint() {
        Deduplicate<JobEvent> dedup = fresh(100);
        dedup.firstTime(0, 1, "5001");
        dedup.firstTime(2, 7, "evt-not-a-snowflake");
        List<Deduplicate.PartitionIds> checkpoint = dedup.snapshot();

        Deduplicate<JobEvent> restored = new Deduplicate<>(100);
        restored.restore(checkpoint);
        assertThat(restored.firstTime(0, 2, "5001")).isFalse();
        assertThat(restored.firstTime(2, 8, "evt-not-a-snowflake")).isFalse();
        assertThat(restored.firstTime(0, 3, "5002")).isTrue();
    }

    @Test
    void ofSeveralCopiesOfAPartitionTheNewestWins() {
        // union state after a change of parallelism: a subtask that no longer reads partition 0 still holds old ids
        Deduplicate<JobEvent> dedup = new Deduplicate<>(10);
        dedup.restore(List.of(new Deduplicate.PartitionIds(0, 50, new long[]{1, 2}),
                new Deduplicate.PartitionIds(0, 90, new long[]{1, 2, 3, 4}),
                new Deduplicate.PartitionIds(0, 70, new long[]{1, 2, 3})));
        assertThat(dedup.firstTime(0, 91, "4")).isFalse();
        assertThat(dedup.snapshot()).singleElement().satisfies(p -> {
            assertThat(p.offset).isEqualTo(91);
            assertThat(p.ids).containsExactly(1, 2, 3, 4);
        });
    }

    @Test
    void snowflakesAreTheirOwnKeysOtherIdsAreHashed() {
        assertThat(Deduplicate.idKey("1234567890123456789")).isEqualTo(1234567890123456789L);
        assertThat(Deduplicate.idKey("18446744073709551615")).isEqualTo(-1L);          // 2^64 - 1, unsigned
        assertThat(Deduplicate.idKey("18446744073709551616")).isEqualTo(Deduplicate.idKey("18446744073709551616"));
        assertThat(Deduplicate.idKey("a")).isNotEqualTo(Deduplicate.idKey("b"));
        assertThat(Deduplicate.idKey("")).isEqualTo(0xcbf29ce484222325L);
    }

    private static Deduplicate<JobEvent> fresh(int depth) {
        Deduplicate<JobEvent> dedup = new Deduplicate<>(depth);
        dedup.restore(List.of());
        return dedup;
    }
}
