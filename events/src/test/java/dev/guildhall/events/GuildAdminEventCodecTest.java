package dev.guildhall.events;

import dev.guildhall.events.payload.GuildDeleted;
import dev.guildhall.events.payload.GuildUpdated;
import dev.guildhall.events.payload.InviteCreated;
import dev.guildhall.events.payload.InviteDeleted;
import dev.guildhall.events.payload.MemberJoined;
import dev.guildhall.events.payload.MemberLeft;
import dev.guildhall.events.payload.MemberUpdated;
import dev.guildhall.events.payload.ModerationAction;
import dev.guildhall.events.payload.RoleCreated;
import dev.guildhall.events.payload.RoleDeleted;
import dev.guildhall.events.payload.RoleUpdated;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Round trips of the guild-administration events (guild structure, members, moderation). */
class GuildAdminEventCodecTest {
    private final Snowflakes ids = new Snowflakes(1, 2);

    @Test
    void everyGuildAdminEventRoundTripsOnItsTopic() {
        List<Object[]> cases = List.of(
                new Object[]{new GuildUpdated("1", List.of("name", "system_channel_id"), "Renamed ✓", 5L), Topics.GUILDS},
                new Object[]{new GuildDeleted("1", 6L), Topics.GUILDS},
                new Object[]{new RoleCreated("7", "Mods", "8192", 1, "1", 7L), Topics.GUILDS},
                new Object[]{new RoleUpdated("7", "Moderators", "8194", 2, "1", 8L), Topics.GUILDS},
                new Object[]{new RoleDeleted("7", "1", 9L), Topics.GUILDS},
                new Object[]{new InviteCreated("abc", "3", "1", 86400, 0, 10L), Topics.GUILDS},
                new Object[]{new InviteDeleted("abc", "3", "1", 11L), Topics.GUILDS},
                new Object[]{new MemberJoined("2", false, "abc", 12L), Topics.MEMBERS},
                new Object[]{new MemberJoined("2", true, null, 12L), Topics.MEMBERS},
                new Object[]{new MemberUpdated("2", "1", List.of("roles"), List.of("7"), null, 13L), Topics.MEMBERS},
                new Object[]{new MemberUpdated("2", "1", List.of("communication_disabled_until"), List.of(), 99L, 13L),
                        Topics.MEMBERS},
                new Object[]{new MemberLeft("2", MemberLeft.KICKED, "1", 14L), Topics.MEMBERS},
                new Object[]{new ModerationAction(ModerationAction.BAN, "1", "2", "spam é", null, 15L), Topics.MODERATION},
                new Object[]{new ModerationAction(ModerationAction.TIMEOUT, "1", "2", null, 20L, 16L), Topics.MODERATION});
        for (Object[] c : cases) {
            Record payload = (Record) c[0];
            EventEnvelope env = EventCodec.wrap(ids, "test", "99", 1_700_000_000_123L, payload);
            EventEnvelope back = EventCodec.decode(EventCodec.encode(env));
            assertThat(EventCodec.encodeToString(back)).isEqualTo(EventCodec.encodeToString(env));
            assertThat(EventCodec.payload(back, payload.getClass())).isEqualTo(payload);
            EventType type = EventType.fromWireName(back.type()).orElseThrow();
            assertThat(type).isEqualTo(EventType.of(payload.getClass()));
            assertThat(type.topic()).as(type.wireName()).isEqualTo(c[1]);
        }
    }

    @Test
    void moderationPayloadsAreSnakeCase() {
        String json = EventCodec.encodeToString(EventCodec.wrap(ids, "test", "99", 5L,
                new MemberUpdated("2", "1", List.of("nick"), List.of(), 7L, 5L)));
        assertThat(json).contains("\"communication_disabled_until\":7", "\"role_ids\":[]", "\"actor_id\":\"1\"");
    }
}
