package dev.guildhall.analytics.ingest;

import dev.guildhall.analytics.TestEvents;
import dev.guildhall.analytics.alerts.AlertExtractor;
import dev.guildhall.analytics.automod.MessageToScoreExtractor;
import dev.guildhall.analytics.engagement.MessageEventExtractor;
import dev.guildhall.analytics.members.MemberChangeExtractor;
import dev.guildhall.analytics.moderation.ModerationExtractor;
import dev.guildhall.analytics.voice.VoiceSampleExtractor;
import dev.guildhall.analytics.voiceminutes.VoiceSessionExtractor;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.InvalidEventException;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.payload.MessageUpdated;
import dev.guildhall.events.payload.ModerationAction;
import dev.guildhall.events.payload.VoiceAlert;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-pass decoder against the contract's decoder ({@code EventCodec.decode} + tree binding): every job's
 * extractor must give the same event, skip or dead-letter reason on the sample events and on malformed variants.
 */
class StreamingEventDecoderTest {
    private static final long T = 1_700_000_000_000L;
    private static final Snowflakes IDS = new Snowflakes(9, 1);

    private static final List<EventExtractor<?>> EXTRACTORS = List.of(new MessageEventExtractor(),
            new VoiceSampleExtractor(), new AlertExtractor(), new MemberChangeExtractor(), new ModerationExtractor(),
            new VoiceSessionExtractor(), new MessageToScoreExtractor());

    private static List<byte[]> samples() {
        List<byte[]> s = new ArrayList<>();
        s.add(TestEvents.messageCreated(111, 222, T));
        s.add(TestEvents.messageCreated(111, 222, 333, true, T));
        s.add(TestEvents.voiceQuality("eu", "v1", T, 3.0, 1, 250));
        s.add(TestEvents.voiceQuality("eu", "v1", T, 3.0, 300, 250));
        s.add(TestEvents.voiceQualityV2("eu", "v1", 1, 2, 3, T, 1.5, 40.0, 2L, 64.0, 4.1, 1, 250));
        s.add(TestEvents.voiceQualityV2("eu", "v1", 1, 2, 3, T, 1.5, null, null, null, 9.0, 1, 250));
        s.add(TestEvents.memberJoined(1, 2, T));
        s.add(TestEvents.memberLeft(1, 2, "kicked", T));
        s.add(TestEvents.memberLeft(1, 2, "vanished", T));
        s.add(TestEvents.moderationAction(1, ModerationAction.BAN, 2, 3, null, T));
        s.add(TestEvents.moderationAction(1, ModerationAction.TIMEOUT, 2, 3, null, T));
        s.add(TestEvents.moderationAction(1, "hug", 2, 3, null, T));
        s.add(TestEvents.voiceSessionJoined(1, 2, 3, "s1", T));
        s.add(TestEvents.voiceSessionLeft(1, 2, 3, "s1", T - 60_000, T));
        s.add(wrap(new VoiceAlert("a1", "eu", "jitter", VoiceAlert.OPEN, 40, 30, T - 60_000, T, "vs-1")));
        s.add(wrap(new VoiceAlert("a1", "eu", "jitter", "wobbly", 40, 30, T - 60_000, T, null)));
        s.add(wrap(new MessageUpdated("123", "5", "6", false, "edited", 6, T, T - 1000, true)));
        s.add(wrap(new MessageUpdated("123", "5", "6", false, null, 0, T, 0, false)));
        return s;
    }

    private static byte[] wrap(Record payload) {
        return EventCodec.encode(EventCodec.wrap(IDS, "test", "77", T, payload));
    }

    /** Malformed and non-canonical variants of an encoded event. */
    private static List<String> variants(String json) {
        List<String> v = new ArrayList<>();
        v.add(json);
        v.add(json.replace("\"version\":1", "\"version\":\"1\""));
        v.add(json.replace("\"version\":1", "\"version\":0"));
        v.add(json.replace("\"version\":1", "\"version\":1.0"));
        v.add(json.replace("\"version\":1", "\"version\":99999999999"));
        v.add(json.replaceFirst("\"occurred_at\":(\\d+)", "\"occurred_at\":\"$1\""));
        v.add(json.replaceFirst("\"occurred_at\":(\\d+)", "\"occurred_at\":-5"));
        v.add(json.replaceFirst("\"occurred_at\":(\\d+)", "\"occurred_at\":123456789012345678901234"));
        v.add(json.replaceFirst("\"guild_id\":\"(\\d+)\"", "\"guild_id\":$1"));
        v.add(json.replaceFirst("\"guild_id\":\"(\\d+)\"", "\"guild_id\":null"));
        v.add(json.replaceFirst("\"guild_id\":\"(\\d+)\",", ""));
        v.add(json.replaceFirst("\"event_id\":\"(\\d+)\"", "\"event_id\":\"evt-x\""));
        v.add(json.replaceFirst("\"source\":\"test\",", "\"source\":\"test\",\"source\":\"dup\","));
        v.add(json.replaceFirst("\\{", "{\"extra\":{\"a\":[1,{\"b\":2}]},"));
        v.add(json.replaceFirst("\"payload\":\\{", "\"payload\":{\"unknown\":[1,2],"));
        v.add(json.replaceFirst("\"payload\":\\{.*}}$", "\"payload\":[1]}"));
        v.add(json.replaceFirst("\"payload\":\\{.*}}$", "\"payload\":{}}"));
        v.add(json.replaceFirst("\"payload\":\\{.*}}$", "\"payload\":null}"));
        v.add(json + " {}");
        v.add(json + "  ");
        v.add(json.substring(0, json.length() - 3));
        v.add("[" + json + "]");
        v.add("");
        v.add("not json {");
        // a payload field repeated, last or first (the tree keeps the last value)
        v.add(json.replaceFirst("}}$", ",\"channel_id\":\"x\",\"user_id\":\"y\",\"action\":\"z\",\"reason\":\"w\"}}"));
        v.add(json.replaceFirst("\"payload\":\\{", "\"payload\":{\"channel_id\":\"x\",\"state\":\"y\","));
        // the payload before the type
        int payloadAt = json.indexOf(",\"payload\":");
        String head = json.substring(1, payloadAt);
        String payload = json.substring(payloadAt + 1, json.length() - 1);
        v.add("{" + payload + "," + head + "}");
        // payload fields with other JSON types than the encoder writes (coerced or rejected by binding)
        v.add(json.replaceAll("\"(channel_id|user_id|author_id|actor_id|target_id)\":\"(\\d+)\"", "\"$1\":$2"));
        v.add(json.replaceAll("\"(channel_id|user_id|author_id|actor_id|target_id)\":\"(\\d+)\"", "\"$1\":\"x$2\""));
        v.add(json.replaceAll("\"(ssrc|window_ms|packets_lost|joined_at|left_at|window_start|edited_at)\":(\\d+)",
                "\"$1\":\"$2\""));
        v.add(json.replaceAll("\"(ssrc|window_ms|packets_lost|joined_at|left_at|window_start|edited_at)\":(\\d+)",
                "\"$1\":{}"));
        v.add(json.replaceAll("\"(jitter_ms|mos|value)\":([0-9.]+)", "\"$1\":\"NaN\""));
        v.add(json.replaceAll("\"(author_bot|automod_pending)\":(true|false)", "\"$1\":\"yes\""));
        v.add(json.replaceAll("\"(region|state|action|reason|content)\":\"", "\"$1\":null,\"x\":\""));
        return v;
    }

    @Test
    void sameEventsSkipsAndReasonsAsTheContractDecoder() {
        int compared = 0;
        int streamed = 0;
        for (EventExtractor<?> extractor : EXTRACTORS) {
            DecodingDeserializer<?> deserializer = new DecodingDeserializer<>("job", extractor, null);
            StreamingEventDecoder streaming = new StreamingEventDecoder(extractor.payloadTypes());
            for (byte[] sample : samples()) {
                for (String variant : variants(new String(sample, StandardCharsets.UTF_8))) {
                    byte[] bytes = variant.getBytes(StandardCharsets.UTF_8);
                    DecodedRecord<?> actual = deserializer.decode("t", 0, 1, null, bytes);
                    Object expected = reference(extractor, bytes);
                    Object got = actual == null ? null
                            : actual.deadLetter != null ? actual.deadLetter.reason() : actual.event;
                    assertThat(got).as("%s on %s", extractor.getClass().getSimpleName(), variant)
                            .isEqualTo(expected);
                    compared++;
                    if (streaming.decode(bytes) != StreamingEventDecoder.NOT_CANONICAL) {
                        streamed++;
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(1500);
        assertThat(streamed).as("variants taken by the one-pass decoder").isGreaterThan(compared / 5);
    }

    @Test
    void takesTheEncodersOutputInOnePassAndLeavesTheRestToTheContractDecoder() {
        StreamingEventDecoder decoder = new StreamingEventDecoder(new MessageEventExtractor().payloadTypes());
        byte[] message = TestEvents.messageCreated(111, 222, T);
        IncomingEvent e = decoder.decode(message);
        assertThat(e).isNotSameAs(StreamingEventDecoder.NOT_CANONICAL);
        assertThat(e.guildId()).isEqualTo("111");
        assertThat(e.occurredAt()).isEqualTo(T);
        assertThat(e.type()).isEqualTo("message.created");

        IncomingEvent skipped = decoder.decode(TestEvents.memberJoined(1, 2, T));
        assertThat(skipped).isNotSameAs(StreamingEventDecoder.NOT_CANONICAL);
        assertThat(skipped.type()).isEqualTo("member.joined");

        String json = new String(message, StandardCharsets.UTF_8);
        assertThat(decoder.decode(json.replace("\"version\":1", "\"version\":\"1\"").getBytes(StandardCharsets.UTF_8)))
                .isSameAs(StreamingEventDecoder.NOT_CANONICAL);
        assertThat(decoder.decode(null)).isSameAs(StreamingEventDecoder.NOT_CANONICAL);
        assertThat(decoder.decode("{".getBytes(StandardCharsets.UTF_8))).isSameAs(StreamingEventDecoder.NOT_CANONICAL);
    }

    /** What the decoder did before: the contract's decoder, then the extractor on the envelope. */
    private static Object reference(EventExtractor<?> extractor, byte[] value) {
        try {
            return extractor.extract(EventCodec.decode(value));
        } catch (InvalidEventException e) {
            return e.getMessage();
        } catch (RuntimeException e) {
            return "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

}
