package dev.guildhall.analytics;

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.payload.MemberJoined;
import dev.guildhall.events.payload.MemberLeft;
import dev.guildhall.events.payload.MessageCreated;
import dev.guildhall.events.payload.ModerationAction;
import dev.guildhall.events.payload.VoiceQualitySample;
import dev.guildhall.events.payload.VoiceSessionJoined;
import dev.guildhall.events.payload.VoiceSessionLeft;

/** Builds encoded contract events for tests. */
public final class TestEvents {
    private static final Snowflakes IDS = new Snowflakes(7, 1);

    private TestEvents() {
    }

    public static byte[] messageCreated(long guildId, long channelId, long occurredAt) {
        MessageCreated payload = new MessageCreated(IDS.nextString(), Long.toString(channelId), "42", false,
                "hello", 5, occurredAt);
        return EventCodec.encode(EventCodec.wrap(IDS, "test", Long.toString(guildId), occurredAt, payload));
    }

    public static byte[] voiceQuality(String region, String server, long occurredAt, double jitterMs, long lost,
                                      long expected) {
        VoiceQualitySample payload = new VoiceQualitySample(region, server, "1001", "2002", 12345L,
                occurredAt - 5000, 5000, expected, expected - lost, lost, expected == 0 ? 0 : (double) lost / expected,
                jitterMs, null);
        return EventCodec.encode(EventCodec.wrap(IDS, "test", "900", occurredAt, payload));
    }

    public static byte[] messageCreated(long guildId, long channelId, long authorId, boolean bot, long occurredAt) {
        MessageCreated payload = new MessageCreated(IDS.nextString(), Long.toString(channelId),
                Long.toString(authorId), bot, "hello", 5, occurredAt);
        return EventCodec.encode(EventCodec.wrap(IDS, "test", Long.toString(guildId), occurredAt, payload));
    }

    public static byte[] memberJoined(long guildId, long userId, long occurredAt) {
        MemberJoined payload = new MemberJoined(Long.toString(userId), false, null, occurredAt);
        return EventCodec.encode(EventCodec.wrap(IDS, "test", Long.toString(guildId), occurredAt, payload));
    }

    public static byte[] memberLeft(long guildId, long userId, String reason, long occurredAt) {
        MemberLeft payload = new MemberLeft(Long.toString(userId), reason, Long.toString(userId), occurredAt);
        return EventCodec.encode(EventCodec.wrap(IDS, "test", Long.toString(guildId), occurredAt, payload));
    }

    public static byte[] moderationAction(long guildId, String action, long actorId, long targetId, Long until,
                                          long occurredAt) {
        ModerationAction payload = new ModerationAction(action, Long.toString(actorId), Long.toString(targetId),
                "spamming", until, occurredAt);
        return EventCodec.encode(EventCodec.wrap(IDS, "test", Long.toString(guildId), occurredAt, payload));
    }

    /** A version-2 sample: RTT, late packets, bitrate and MOS measured (any of them may be null). */
    public static byte[] voiceQualityV2(String region, String server, long guildId, long channelId, long userId,
                                        long occurredAt, double jitterMs, Double rttMs, Long late, Double bitrateKbps,
                                        Double mos, long lost, long expected) {
        VoiceQualitySample payload = new VoiceQualitySample(region, server, Long.toString(channelId),
                Long.toString(userId), 4242L, occurredAt - 5000, 5000, expected, expected - lost, lost,
                expected == 0 ? 0 : (double) lost / expected, jitterMs, rttMs, late, bitrateKbps, mos);
        return EventCodec.encode(EventCodec.wrap(IDS, "test", Long.toString(guildId), occurredAt, payload));
    }

    public static byte[] voiceSessionJoined(long guildId, long channelId, long userId, String sessionId,
                                            long joinedAt) {
        VoiceSessionJoined payload = new VoiceSessionJoined(Long.toString(channelId), Long.toString(userId), sessionId,
                "eu", "vs-1", joinedAt);
        return EventCodec.encode(EventCodec.wrap(IDS, "test", Long.toString(guildId), joinedAt, payload));
    }

    public static byte[] voiceSessionLeft(long guildId, long channelId, long userId, String sessionId, long joinedAt,
                                          long leftAt) {
        VoiceSessionLeft payload = new VoiceSessionLeft(Long.toString(channelId), Long.toString(userId), sessionId,
                "eu", "vs-1", "left", leftAt - joinedAt, leftAt);
        return EventCodec.encode(EventCodec.wrap(IDS, "test", Long.toString(guildId), leftAt, payload));
    }
}
