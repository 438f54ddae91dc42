package dev.guildhall.systemtests.exactlyonce;

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.VoiceSessionJoined;
import dev.guildhall.events.payload.VoiceSessionLeft;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * voice-minutes job: {@code voice.session.joined} / {@code voice.session.left} of sessions in 3 guilds × 2 channels
 * by 20 users (half the events leave a random open session, the others join a new one) → voice_session_days: one
 * row per session and UTC day it touches, with its milliseconds in voice. The phases span midnight, so sessions are
 * split at it. A session still open when its phase ends counts the launcher's maximum session length
 * ({@value #MAX_SESSION_MS} ms, {@code GUILDHALL_VOICE_MAX_SESSION}'s default) and is capped: the phase's final
 * watermark passes its cap plus the allowed lateness.
 */
final class VoiceMinutesTraffic implements Traffic {
    static final long MAX_SESSION_MS = 12 * 3_600_000L;
    private static final long DAY_MS = 86_400_000L;
    private static final long[] GUILDS = {750001, 750002, 750003};

    private final Snowflakes ids;
    private final Random random = new Random(750);
    private final List<Join> open = new ArrayList<>();
    private final Rows days = new Rows();
    private int sessions;

    VoiceMinutesTraffic(Snowflakes ids) {
        this.ids = ids;
    }

    @Override
    public String topic() {
        return Topics.VOICE_SESSIONS;
    }

    @Override
    public Event next(long at) {
        if (!open.isEmpty() && random.nextBoolean()) {
            Join j = open.remove(random.nextInt(open.size()));
            split(j, at, false);
            VoiceSessionLeft payload = new VoiceSessionLeft(Long.toString(j.channel), Long.toString(j.user),
                    j.session, "exo-a", "exo-a-1", "left", at - j.at, at);
            return new Event(Long.toString(j.guild), envelope(j.guild, payload, at));
        }
        long guild = GUILDS[random.nextInt(GUILDS.length)];
        Join j = new Join(guild, guild * 10 + 1 + random.nextInt(2), 1 + random.nextInt(20), "exo-s" + ++sessions, at);
        open.add(j);
        VoiceSessionJoined payload = new VoiceSessionJoined(Long.toString(j.channel), Long.toString(j.user),
                j.session, "exo-a", "exo-a-1", at);
        return new Event(Long.toString(guild), envelope(guild, payload, at));
    }

    @Override
    public byte[] watermarkEvent(long at) {
        return envelope(9999, new VoiceSessionJoined("99991", "42", "exo-advance-" + at, "", "", at), at);
    }

    private byte[] envelope(long guild, Record payload, long at) {
        return EventCodec.encode(EventCodec.wrap(ids, "exactly-once-it", Long.toString(guild), at, payload));
    }

    /** The expected rows of a session from its join to {@code end}: one per UTC day, split at midnight. */
    private void split(Join j, long end, boolean capped) {
        for (long from = j.at; from < end; ) {
            long until = Math.min(end, from - Math.floorMod(from, DAY_MS) + DAY_MS);
            days.add(Rows.key(j.guild, Rows.day(from), j.channel, j.user, j.session, j.at, capped ? 1 : 0),
                    until - from);
            from = until;
        }
    }

    /** Sessions still open are capped once the phase's final watermark passed: they count the maximum length. */
    @Override
    public List<Check> checks() {
        open.forEach(j -> split(j, j.at + MAX_SESSION_MS, true));
        open.clear();
        return List.of(new Check("voice_session_days", "SELECT guild_id, toString(day), channel_id, user_id,"
                + " session_id, started_ms, capped, voice_ms FROM voice_session_days FINAL WHERE guild_id IN "
                + Rows.inList(GUILDS), days.lines()));
    }

    private record Join(long guild, long channel, long user, String session, long at) {
    }
}
