package dev.guildhall.analytics.runtime;

import dev.guildhall.analytics.members.MemberChange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LateEventsTest {
    @Test
    void aLateEventBecomesALateEventsRowWithItsTypeGuildAndLateness() {
        LateEvents<MemberChange> late = new LateEvents<>("members", e -> e.joined() ? "member.joined" : "member.left",
                MemberChange::guildId);
        assertThat(late.describe(new MemberChange("ev1", 5, 100, false, 1_000), 9_000, 7_000))
                .isEqualTo(new LateEvent("members", "ev1", "member.left", 5, 1_000, 9_000, 7_000));
    }
}
