package dev.guildhall.systemtests.exactlyonce;

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.MemberJoined;
import dev.guildhall.events.payload.MemberLeft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * members job: new members joining 3 guilds and earlier ones leaving (left, kicked, banned) → member_changes_1d
 * and member_events (each event once: count and sums of user ids and event ids per guild).
 */
final class MemberTraffic implements Traffic {
    private static final long[] GUILDS = {720001, 720002, 720003};
    private static final String IN = Rows.inList(GUILDS);
    private static final String[] REASONS = {MemberLeft.LEFT, MemberLeft.KICKED, MemberLeft.BANNED};

    private final Snowflakes ids;
    private final Random random = new Random(720);
    private final Map<Long, List<Long>> members = new HashMap<>();
    private final Rows perDay = new Rows();
    private final Rows events = new Rows();
    private long nextUser = 5_000_000;

    MemberTraffic(Snowflakes ids) {
        this.ids = ids;
    }

    @Override
    public String topic() {
        return Topics.MEMBERS;
    }

    @Override
    public Event next(long at) {
        long guild = GUILDS[random.nextInt(GUILDS.length)];
        List<Long> current = members.computeIfAbsent(guild, g -> new ArrayList<>());
        boolean join = current.isEmpty() || random.nextInt(10) < 6;
        long user = join ? nextUser++ : current.remove(random.nextInt(current.size()));
        EventEnvelope envelope;
        if (join) {
            current.add(user);
            envelope = EventCodec.wrap(ids, "exactly-once-it", Long.toString(guild), at,
                    new MemberJoined(Long.toString(user), false, null, at));
        } else {
            envelope = EventCodec.wrap(ids, "exactly-once-it", Long.toString(guild), at,
                    new MemberLeft(Long.toString(user), REASONS[random.nextInt(REASONS.length)], null, at));
        }
        perDay.add(Rows.key(guild, Rows.day(at)), join ? 1 : 0, join ? 0 : 1);
        events.add(Rows.key(guild), 1, join ? 1 : 0, user, Long.parseLong(envelope.eventId()) % 1_000_003);
        return new Event(Long.toString(guild), EventCodec.encode(envelope));
    }

    @Override
    public byte[] watermarkEvent(long at) {
        return EventCodec.encode(EventCodec.wrap(ids, "exactly-once-it", "9999", at,
                new MemberJoined("1", false, null, at)));
    }

    @Override
    public List<Check> checks() {
        return List.of(
                new Check("member_changes_1d", "SELECT guild_id, toString(day), joins, leaves FROM member_changes_1d"
                        + " FINAL WHERE guild_id IN " + IN, perDay.lines()),
                new Check("member_events", "SELECT guild_id, count(), sum(joined), sum(user_id),"
                        + " sum(event_id % 1000003) FROM member_events FINAL WHERE guild_id IN " + IN
                        + " GROUP BY guild_id", events.lines()));
    }
}
