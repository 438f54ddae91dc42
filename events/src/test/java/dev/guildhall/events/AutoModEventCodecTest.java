package dev.guildhall.events;

import dev.guildhall.events.payload.AutoModActionExecuted;
import dev.guildhall.events.payload.AutoModReviewResolved;
import dev.guildhall.events.payload.AutoModRuleChanged;
import dev.guildhall.events.payload.MessageCreated;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Round trips of the AutoMod events and of message.created's automod_pending flag. */
class AutoModEventCodecTest {
    private final Snowflakes ids = new Snowflakes(1, 2);

    @Test
    void autoModEventsRoundTripOnTheirTopics() {
        List<Object[]> cases = List.of(
                new Object[]{new AutoModRuleChanged("5", "No spam ✓", AutoModRuleChanged.CREATED, 1, List.of(1, 100),
                        true, "1", 7L), Topics.GUILDS},
                new Object[]{new AutoModActionExecuted("5", 1, 1, "2", "3", null, "cat*", "9", null, 8L),
                        Topics.MODERATION},
                new Object[]{new AutoModActionExecuted("5", 5, 3, "2", "3", "4", null, null, 99L, 8L),
                        Topics.MODERATION},
                new Object[]{new MessageCreated("4", "3", "2", false, "hi", 2, 9L, true), Topics.MESSAGES},
                new Object[]{new AutoModReviewResolved("9", "5", 1, "3", "4", "2", "7", AutoModReviewResolved.TIMEOUT,
                        false, "spam ✓", 99L, 8L), Topics.MODERATION},
                new Object[]{new AutoModReviewResolved("9", "5", 1, "3", "4", "2", "7", AutoModReviewResolved.APPROVE,
                        true, null, null, 8L), Topics.MODERATION});
        for (Object[] c : cases) {
            Record payload = (Record) c[0];
            EventEnvelope env = EventCodec.wrap(ids, "test", "99", 1_700_000_000_123L, payload);
            EventEnvelope back = EventCodec.decode(EventCodec.encode(env));
            assertThat(EventCodec.payload(back, payload.getClass())).isEqualTo(payload);
            EventType type = EventType.fromWireName(back.type()).orElseThrow();
            assertThat(type).isEqualTo(EventType.of(payload.getClass()));
            assertThat(type.topic()).as(type.wireName()).isEqualTo(c[1]);
        }
    }

    @Test
    void messageCreatedWithoutTheFlagIsNotPending() {
        String json = EventCodec.encodeToString(EventCodec.wrap(ids, "test", "99", 5L,
                new MessageCreated("4", "3", "2", false, "hi", 2, 9L, true)));
        assertThat(json).contains("\"automod_pending\":true");
        String old = json.replace(",\"automod_pending\":true", "");
        MessageCreated back = EventCodec.payload(EventCodec.decode(old.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                MessageCreated.class);
        assertThat(back.automodPending()).isFalse();
        assertThat(back).isEqualTo(new MessageCreated("4", "3", "2", false, "hi", 2, 9L));
    }
}
