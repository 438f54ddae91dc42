package dev.guildhall.analytics.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.analytics.TestEvents;
import dev.guildhall.analytics.engagement.MessageEvent;
import dev.guildhall.analytics.engagement.MessageEventExtractor;
import dev.guildhall.analytics.voice.VoiceSample;
import dev.guildhall.analytics.voice.VoiceSampleExtractor;
import dev.guildhall.events.EventCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class DecodingDeserializerTest {
    private final DecodingDeserializer<MessageEvent> messages =
            new DecodingDeserializer<>("engagement", new MessageEventExtractor(), null);
    private final DecodingDeserializer<VoiceSample> voice =
            new DecodingDeserializer<>("voice-quality", new VoiceSampleExtractor(), null);

    @Test
    void messageCreatedBecomesAnEvent() {
        DecodedRecord<MessageEvent> r = messages.decode("guildhall.messages", 0, 5, null,
                TestEvents.messageCreated(111, 222, 1_700_000_000_000L));
        assertThat(r.deadLetter).isNull();
        assertThat(r.event.guildId()).isEqualTo(111);
        assertThat(r.event.channelId()).isEqualTo(222);
        assertThat(r.event.occurredAt()).isEqualTo(1_700_000_000_000L);
        assertThat(r.event.eventId()).isNotBlank();
    }

    @Test
    void otherEventTypesAreSkippedNotDeadLettered() {
        byte[] voiceEvent = TestEvents.voiceQuality("eu", "v1", 1_700_000_000_000L, 3.0, 0, 250);
        assertThat(messages.decode("guildhall.messages", 0, 6, null, voiceEvent)).isNull();
    }

    @Test
    void garbageIsADeadLetterWithTheReason() {
        DecodedRecord<MessageEvent> r = messages.decode("guildhall.messages", 2, 9, "g1".getBytes(StandardCharsets.UTF_8),
                "not json {".getBytes(StandardCharsets.UTF_8));
        assertThat(r.event).isNull();
        assertThat(r.deadLetter.reason()).startsWith("unparseable event");
        assertThat(r.deadLetter.sourceTopic()).isEqualTo("guildhall.messages");
        assertThat(r.deadLetter.partition()).isEqualTo(2);
        assertThat(r.deadLetter.offset()).isEqualTo(9);
        assertThat(r.deadLetter.key()).isEqualTo("g1");
        assertThat(r.deadLetter.value()).isEqualTo("not json {");
    }

    @Test
    void nullValueAndMissingFieldsAreDeadLetters() {
        assertThat(messages.decode("t", 0, 0, null, null).deadLetter.reason()).isEqualTo("null record value");
        String noGuild = "{\"event_id\":\"1\",\"type\":\"message.created\",\"version\":1,\"occurred_at\":5,"
                + "\"source\":\"x\",\"payload\":{}}";
        assertThat(messages.decode("t", 0, 1, null, noGuild.getBytes(StandardCharsets.UTF_8)).deadLetter.reason())
                .isEqualTo("missing field guild_id");
    }

    @Test
    void contractViolationsAreDeadLetters() {
        String badChannel = new String(TestEvents.messageCreated(111, 222, 1_700_000_000_000L), StandardCharsets.UTF_8)
                .replace("\"channel_id\":\"222\"", "\"channel_id\":\"general\"");
        assertThat(messages.decode("t", 0, 1, null, badChannel.getBytes(StandardCharsets.UTF_8)).deadLetter.reason())
                .isEqualTo("payload.channel_id is not a snowflake: general");

        byte[] tooManyLost = TestEvents.voiceQuality("eu", "v1", 1_700_000_000_000L, 3.0, 300, 250);
        assertThat(voice.decode("t", 0, 2, null, tooManyLost).deadLetter.reason())
                .isEqualTo("packets_lost 300 exceeds packets_expected 250");

        String negativeJitter = new String(TestEvents.voiceQuality("eu", "v1", 1_700_000_000_000L, 3.0, 1, 250),
                StandardCharsets.UTF_8).replace("\"jitter_ms\":3.0", "\"jitter_ms\":-1.0");
        assertThat(voice.decode("t", 0, 3, null, negativeJitter.getBytes(StandardCharsets.UTF_8)).deadLetter.reason())
                .isEqualTo("jitter_ms must be a finite value >= 0 but was -1.0");
    }

    @Test
    void voiceQualityBecomesASample() {
        DecodedRecord<VoiceSample> r = voice.decode("guildhall.voice.quality", 0, 1, null,
                TestEvents.voiceQuality("eu-west", "voice-1", 1_700_000_000_000L, 12.5, 3, 250));
        assertThat(r.event).isEqualTo(new VoiceSample(r.event.eventId(), "eu-west", "voice-1", 900, 1001, 2002, 12345,
                1_700_000_000_000L, 5000, 250, 247, 3, 12.5, null, null, null, null));
    }

    @Test
    void deadLetterJsonCarriesTheReasonAndTheOriginal() throws Exception {
        DeadLetter d = DeadLetter.of("engagement", "guildhall.messages", 1, 42, null,
                "oops".getBytes(StandardCharsets.UTF_8), "unparseable event: x");
        JsonNode json = EventCodec.mapper().readTree(d.toJson());
        assertThat(json.get("reason").asText()).isEqualTo("unparseable event: x");
        assertThat(json.get("job").asText()).isEqualTo("engagement");
        assertThat(json.get("source_topic").asText()).isEqualTo("guildhall.messages");
        assertThat(json.get("partition").asInt()).isEqualTo(1);
        assertThat(json.get("offset").asLong()).isEqualTo(42);
        assertThat(json.get("value").asText()).isEqualTo("oops");
        assertThat(json.get("key").isNull()).isTrue();
    }
}
