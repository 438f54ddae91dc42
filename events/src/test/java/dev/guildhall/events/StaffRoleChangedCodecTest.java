package dev.guildhall.events;

import dev.guildhall.events.payload.StaffRoleChanged;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Round trip of {@code staff.role_changed}, with and without an acting admin (configuration grants have none). */
class StaffRoleChangedCodecTest {
    private final Snowflakes ids = new Snowflakes(1, 2);

    @Test
    void staffRoleChangesRoundTripOnTheModerationTopicWithoutAGuild() {
        for (StaffRoleChanged payload : new StaffRoleChanged[]{
                new StaffRoleChanged(StaffRoleChanged.GRANTED, "2", "SRE", "1", "on call from Monday é", 5L),
                new StaffRoleChanged(StaffRoleChanged.GRANTED, "3", "PLATFORM_ADMIN", null,
                        "configuration GUILDHALL_PLATFORM_ADMIN_USERS", 6L),
                new StaffRoleChanged(StaffRoleChanged.REVOKED, "2", "SRE", "1", "left the team", 7L)}) {
            EventEnvelope env = EventCodec.wrap(ids, "test", "0", 1_700_000_000_123L, payload);
            EventEnvelope back = EventCodec.decode(EventCodec.encode(env));
            assertThat(EventCodec.payload(back, StaffRoleChanged.class)).isEqualTo(payload);
            assertThat(back.guildId()).isEqualTo("0");
            EventType type = EventType.fromWireName(back.type()).orElseThrow();
            assertThat(type).isEqualTo(EventType.STAFF_ROLE_CHANGED);
            assertThat(type.topic()).isEqualTo(Topics.MODERATION);
        }
        assertThat(EventCodec.encodeToString(EventCodec.wrap(ids, "test", "0", 5L,
                new StaffRoleChanged(StaffRoleChanged.REVOKED, "2", "SRE", "1", "r", 5L))))
                .contains("\"user_id\":\"2\"", "\"actor_id\":\"1\"", "\"occurred_at\":5");
    }
}
