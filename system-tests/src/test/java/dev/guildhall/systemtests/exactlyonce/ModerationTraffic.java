package dev.guildhall.systemtests.exactlyonce;

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.ModerationAction;

import java.util.List;
import java.util.Random;

/**
 * moderation job: kicks, bans, unbans, timeouts and timeout removals in 2 guilds → moderation_actions, one row per
 * event (count and sums of actors, targets, timeout ends and event ids per guild and action).
 */
final class ModerationTraffic implements Traffic {
    private static final long[] GUILDS = {730001, 730002};
    private static final String[] ACTIONS = {ModerationAction.KICK, ModerationAction.BAN, ModerationAction.UNBAN,
            ModerationAction.TIMEOUT, ModerationAction.TIMEOUT_REMOVED};

    private final Snowflakes ids;
    private final Random random = new Random(730);
    private final Rows perAction = new Rows();

    ModerationTraffic(Snowflakes ids) {
        this.ids = ids;
    }

    @Override
    public String topic() {
        return Topics.MODERATION;
    }

    @Override
    public Event next(long at) {
        long guild = GUILDS[random.nextInt(GUILDS.length)];
        String action = ACTIONS[random.nextInt(ACTIONS.length)];
        long actor = 1 + random.nextInt(5);
        long target = 100 + random.nextInt(900);
        Long until = action.equals(ModerationAction.TIMEOUT) ? at + 600_000 : null;
        EventEnvelope envelope = EventCodec.wrap(ids, "exactly-once-it", Long.toString(guild), at,
                new ModerationAction(action, Long.toString(actor), Long.toString(target), "rule 3", until, at));
        perAction.add(Rows.key(guild, action), 1, actor, target, until == null ? 0 : until,
                Long.parseLong(envelope.eventId()) % 1_000_003);
        return new Event(Long.toString(guild), EventCodec.encode(envelope));
    }

    @Override
    public byte[] watermarkEvent(long at) {
        return EventCodec.encode(EventCodec.wrap(ids, "exactly-once-it", "9999", at,
                new ModerationAction(ModerationAction.KICK, "1", "2", null, null, at)));
    }

    @Override
    public List<Check> checks() {
        return List.of(new Check("moderation_actions", "SELECT guild_id, action, count(), sum(actor_id),"
                + " sum(target_id), sum(until_ms), sum(event_id % 1000003) FROM moderation_actions FINAL"
                + " WHERE guild_id IN " + Rows.inList(GUILDS) + " GROUP BY guild_id, action", perAction.lines()));
    }
}
