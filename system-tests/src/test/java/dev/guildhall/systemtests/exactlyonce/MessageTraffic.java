package dev.guildhall.systemtests.exactlyonce;

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.MessageCreated;

import java.util.List;
import java.util.Random;

/**
 * engagement job: {@code message.created} in 4 guilds × 3 channels by 30 authors (the last 5 bots) →
 * message_counts_1m, user_activity_1d (bots excluded) and the active-user states it feeds.
 */
final class MessageTraffic implements Traffic {
    private static final long[] GUILDS = {710001, 710002, 710003, 710004};
    private static final String IN = Rows.inList(GUILDS);

    private final Snowflakes ids;
    private final Random random = new Random(710);
    private final Rows perMinute = new Rows();
    private final Rows perAuthorDay = new Rows();
    private final Rows activeDay = new Rows();
    private final Rows activeWeek = new Rows();

    MessageTraffic(Snowflakes ids) {
        this.ids = ids;
    }

    @Override
    public String topic() {
        return Topics.MESSAGES;
    }

    @Override
    public Event next(long at) {
        long guild = GUILDS[random.nextInt(GUILDS.length)];
        long channel = guild * 10 + 1 + random.nextInt(3);
        long author = 1 + random.nextInt(30);
        boolean bot = author > 25;
        perMinute.add(Rows.key(guild, channel, Rows.minute(at)), 1);
        if (!bot) {
            perAuthorDay.add(Rows.key(guild, author, Rows.day(at)), 1);
            activeDay.addDistinct(Rows.key(guild, Rows.day(at)), author);
            activeWeek.addDistinct(Rows.key(guild, Rows.monday(at)), author);
        }
        return new Event(Long.toString(guild), message(guild, channel, author, bot, at));
    }

    @Override
    public byte[] watermarkEvent(long at) {
        return message(9999, 1, 42, false, at);
    }

    private byte[] message(long guild, long channel, long author, boolean bot, long at) {
        MessageCreated payload = new MessageCreated(ids.nextString(), Long.toString(channel), Long.toString(author),
                bot, "exactly once", 12, at);
        return EventCodec.encode(EventCodec.wrap(ids, "exactly-once-it", Long.toString(guild), at, payload));
    }

    @Override
    public List<Check> checks() {
        return List.of(
                new Check("message_counts_1m", "SELECT guild_id, channel_id, toUInt32(minute), messages"
                        + " FROM message_counts_1m FINAL WHERE guild_id IN " + IN, perMinute.lines()),
                new Check("user_activity_1d", "SELECT guild_id, user_id, toString(day), messages"
                        + " FROM user_activity_1d FINAL WHERE guild_id IN " + IN, perAuthorDay.lines()),
                new Check("daily_active_users", "SELECT guild_id, toString(day), uniqMerge(users) FROM daily_active_users"
                        + " WHERE guild_id IN " + IN + " GROUP BY guild_id, day", activeDay.lines()),
                new Check("weekly_active_users", "SELECT guild_id, toString(week), uniqMerge(users) FROM weekly_active_users"
                        + " WHERE guild_id IN " + IN + " GROUP BY guild_id, week", activeWeek.lines()));
    }
}
