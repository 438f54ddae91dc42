package dev.guildhall.automod.engine;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MENTION_SPAM's {@code mention_raid_protection_enabled} (Discord does not document its detector). Ours catches
 * a mention limit evaded by spreading mentions over several messages: one author's unique user and role mentions,
 * summed over their messages of the last {@value #WINDOW_MILLIS} ms, exceed the rule's mention_total_limit.
 * One instance per guild, remembering up to {@value #MAX_AUTHORS} authors. Thread-safe.
 */
public final class MentionRaidDetector {
    static final long WINDOW_MILLIS = 60_000;
    static final int MAX_AUTHORS = 10_000;
    private static final int HISTORY = 64;

    private record Sent(long at, int mentions) {
    }

    private final Map<Long, ArrayDeque<Sent>> recent = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, ArrayDeque<Sent>> eldest) {
            return size() > MAX_AUTHORS;
        }
    };

    /** Records the message's mentions and returns the author's total within the window, this message included. */
    public int mentionsInWindow(MessageContext message) {
        int mentions = message.uniqueUserMentions() + message.uniqueRoleMentions();
        long now = message.sentAtMillis();
        synchronized (recent) {
            ArrayDeque<Sent> sent = recent.get(message.authorId());
            if (sent == null) {
                if (mentions == 0) {
                    return 0;
                }
                sent = new ArrayDeque<>();
                recent.put(message.authorId(), sent);
            }
            int total = mentions;
            for (Iterator<Sent> it = sent.iterator(); it.hasNext(); ) {
                Sent s = it.next();
                if (now - s.at() > WINDOW_MILLIS) {
                    it.remove();
                } else {
                    total += s.mentions();
                }
            }
            if (mentions > 0) {
                sent.addLast(new Sent(now, mentions));
                if (sent.size() > HISTORY) {
                    sent.removeFirst();
                }
            }
            return total;
        }
    }
}
