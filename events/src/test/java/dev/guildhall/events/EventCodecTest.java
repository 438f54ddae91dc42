package dev.guildhall.events;

import dev.guildhall.events.payload.ChannelCreated;
import dev.guildhall.events.payload.ChannelDeleted;
import dev.guildhall.events.payload.ChannelUpdated;
import dev.guildhall.events.payload.CommandChanged;
import dev.guildhall.events.payload.MessageCreated;
import dev.guildhall.events.payload.MessageDeleted;
import dev.guildhall.events.payload.MessagePinChanged;
import dev.guildhall.events.payload.PresenceUpdated;
import dev.guildhall.events.payload.VoiceSessionJoined;
import dev.guildhall.events.payload.VoiceSessionLeft;
import dev.guildhall.events.payload.MessageUpdated;
import dev.guildhall.events.payload.ReactionAdded;
import dev.guildhall.events.payload.ReactionRemoved;
import dev.guildhall.events.payload.ThreadCreated;
import dev.guildhall.events.payload.ThreadDeleted;
import dev.guildhall.events.payload.ThreadMembersChanged;
import dev.guildhall.events.payload.ThreadUpdated;
import dev.guildhall.events.payload.VoiceAlert;
import dev.guildhall.events.payload.VoiceQualitySample;
import dev.guildhall.events.payload.WebhookChanged;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {
    private final Snowflakes ids = new Snowflakes(1, 1);

    @Test
    void everyEventTypeRoundTrips() {
        List<Record> payloads = List.of(
                new MessageCreated("11", "22", "33", false, "héllo ✓", 7, 1_700_000_000_000L),
                new MessageUpdated("11", "22", "33", true, "édité ✓", 7, 1_700_000_000_500L, 1_700_000_000_000L),
                new MessageUpdated("11", "22", "33", false, "édité ✓", 7, 1_700_000_000_600L, 1_700_000_000_000L,
                        true),
                new MessageDeleted("11", "22", "33", "34", 1_700_000_001_000L),
                new ReactionAdded("11", "22", "33", null, "👍", 1_700_000_002_000L),
                new ReactionAdded("11", "22", "33", "55", "party_blob", 1_700_000_002_000L),
                new ReactionRemoved("11", "22", "33", null, "👍", 1_700_000_003_000L),
                new MessagePinChanged("11", "22", true, "34", 1_700_000_004_000L),
                new MessagePinChanged("11", "22", false, "34", 1_700_000_005_000L),
                new ThreadCreated("11", "22", 11, "34", "ideas", 1440, 1_700_000_006_000L),
                new ThreadUpdated("11", "22", "ideas", true, false, 60, null, 1_700_000_007_000L),
                new ThreadDeleted("11", "22", 12, "34", 1_700_000_008_000L),
                new ThreadMembersChanged("11", List.of("34", "35"), List.of(), 2, "34", 1_700_000_009_000L),
                new VoiceQualitySample("eu-west", "voice-eu-1", "44", "33", 1234L, 1_700_000_000_000L, 5000,
                        250, 245, 5, 0.02, 3.5, null),
                new VoiceAlert("a1", "eu-west", "jitter_p95_ms", "open", 42.0, 30.0, 1L, 2L),
                new ChannelCreated("22", 0, "général", "21", 3, "34", 1_700_000_006_000L),
                new ChannelCreated("23", 4, "Category", null, 0, "34", 1_700_000_006_000L),
                new ChannelUpdated("22", 5, "news", null, 1, List.of("type", "parent_id", "permission_overwrites"),
                        "34", 1_700_000_007_000L),
                new ChannelDeleted("22", 2, "General", "21", "34", 1_700_000_008_000L),
                new CommandChanged("71", "72", "99", "ping", 1, "created", "73", 1_700_000_006_000L),
                new CommandChanged("71", "72", null, "ping", 1, "deleted", "73", 1_700_000_007_000L),
                new PresenceUpdated("42", "idle", 1, 1_700_000_006_000L),
                new PresenceUpdated("42", "offline", 0, 1_700_000_007_000L),
                new WebhookChanged("81", "22", "Deploys", "created", "33", 1_700_000_008_000L),
                new WebhookChanged("81", "22", "Deploys", "updated", null, 1_700_000_009_000L),
                new VoiceSessionJoined("22", "33", "ab12", "local", "voice-local-1", 1_700_000_010_000L),
                new VoiceSessionLeft("22", "33", "ab12", "local", "voice-local-1", "moved", 61_000L,
                        1_700_000_071_000L));
        for (Record payload : payloads) {
            EventEnvelope env = EventCodec.wrap(ids, "test", "99", 1_700_000_000_123L, payload);
            EventEnvelope back = EventCodec.decode(EventCodec.encode(env));
            assertThat(back.eventId()).isEqualTo(env.eventId());
            assertThat(EventCodec.encodeToString(back)).isEqualTo(EventCodec.encodeToString(env));
            assertThat(EventCodec.payload(back, payload.getClass())).isEqualTo(payload);
            assertThat(EventType.fromWireName(back.type())).contains(EventType.of(payload.getClass()));
        }
    }

    @Test
    void wireFormatIsSnakeCase() {
        EventEnvelope env = EventCodec.wrap(ids, "test", "99", 5L,
                new MessageCreated("11", "22", "33", true, "x", 1, 5L));
        String json = EventCodec.encodeToString(env);
        assertThat(json).contains("\"event_id\"", "\"occurred_at\"", "\"guild_id\"", "\"channel_id\"", "\"author_bot\"");
    }

    @Test
    void invalidEventsAreRejectedWithAReason() {
        assertThatThrownBy(() -> EventCodec.decode("not json")).isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> EventCodec.decode("[1]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> EventCodec.decode("{\"event_id\":\"1\"}")).hasMessageContaining("missing field type");
        assertThatThrownBy(() -> EventCodec.decode((byte[]) null)).isInstanceOf(InvalidEventException.class);
    }

    @Test
    void envelopesWithCoercibleFieldTypesDecodeLikeTheirCanonicalForm() {
        // the fast path takes wire types only; numbers as strings and ids as numbers still bind as before
        String canonical = "{\"event_id\":\"12\",\"type\":\"message.created\",\"version\":1,\"occurred_at\":5,"
                + "\"guild_id\":\"9\",\"source\":\"s\",\"payload\":{\"message_id\":\"1\"}}";
        String coerced = "{\"event_id\":12,\"type\":\"message.created\",\"version\":\"1\",\"occurred_at\":\"5\","
                + "\"guild_id\":9,\"source\":\"s\",\"payload\":{\"message_id\":\"1\"}}";
        assertThat(EventCodec.decode(coerced)).isEqualTo(EventCodec.decode(canonical));
        assertThat(EventCodec.decode(canonical).payload().get("message_id").asText()).isEqualTo("1");
        assertThatThrownBy(() -> EventCodec.decode(canonical.replace("\"version\":1", "\"version\":0")))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("version must be >= 1");
        assertThatThrownBy(() -> EventCodec.decode(canonical.replace("\"occurred_at\":5", "\"occurred_at\":{}")))
                .isInstanceOf(InvalidEventException.class);
    }

    @Test
    void unknownFieldsAreIgnored() {
        String json = "{\"event_id\":\"1\",\"type\":\"message.created\",\"version\":1,\"occurred_at\":5,"
                + "\"guild_id\":\"9\",\"source\":\"s\",\"extra\":true,\"payload\":{\"message_id\":\"1\",\"new_field\":3}}";
        EventEnvelope env = EventCodec.decode(json);
        assertThat(EventCodec.payload(env, MessageCreated.class).messageId()).isEqualTo("1");
    }

    @Test
    void snowflakesAreUniqueAndMonotonic() {
        long prev = 0;
        for (int i = 0; i < 100_000; i++) {
            long id = ids.next();
            assertThat(id).isGreaterThan(prev);
            prev = id;
        }
        assertThat(Snowflakes.timestampOf(prev)).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(5_000L));
    }
}
