package dev.guildhall.automod.engine;

import dev.guildhall.automod.text.NormalizedText;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The SPAM trigger's heuristic (Discord does not document its own). A message is spam when any of these holds:
 * <ul>
 *   <li><b>duplicate</b>: the same author already sent the same normalised content {@value #DUPLICATE_REPEATS}
 *       times within the last {@value #DUPLICATE_WINDOW_MILLIS} ms (so the third copy triggers);</li>
 *   <li><b>links</b>: the content holds {@value #MAX_LINKS} or more links ({@code http://}, {@code https://},
 *       {@code www.}, {@code discord.gg/});</li>
 *   <li><b>flood</b>: one character repeated {@value #FLOOD_RUN} or more times in a row, or a message of at least
 *       {@value #FLOOD_MIN_WORDS} words where one word makes up {@value #FLOOD_WORD_PERCENT}% or more of them.</li>
 * </ul>
 * One instance per guild (in {@link GuildMemory}); it remembers the last messages of up to {@value #MAX_AUTHORS} authors. Thread-safe.
 */
public final class SpamDetector {
    static final int DUPLICATE_REPEATS = 2;
    static final long DUPLICATE_WINDOW_MILLIS = 30_000;
    static final int MAX_LINKS = 5;
    static final int FLOOD_RUN = 40;
    static final int FLOOD_MIN_WORDS = 10;
    static final int FLOOD_WORD_PERCENT = 75;
    static final int MAX_AUTHORS = 10_000;
    private static final int HISTORY = 8;

    private record Seen(int hash, long at) {
    }

    private final Map<Long, ArrayDeque<Seen>> recent = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, ArrayDeque<Seen>> eldest) {
            return size() > MAX_AUTHORS;
        }
    };

    /** Records the message and returns why it is spam, if it is. */
    public Optional<String> check(MessageContext message, NormalizedText folded) {
        String content = message.content();
        if (countLinks(content) >= MAX_LINKS) {
            return Optional.of("links");
        }
        if (flood(folded)) {
            return Optional.of("flood");
        }
        String collapsed = folded.collapsed().strip();
        if (collapsed.isEmpty()) {
            return Optional.empty();
        }
        int hash = collapsed.hashCode();
        long now = message.sentAtMillis();
        int repeats = 0;
        synchronized (recent) {
            ArrayDeque<Seen> seen = recent.computeIfAbsent(message.authorId(), id -> new ArrayDeque<>());
            for (Iterator<Seen> it = seen.iterator(); it.hasNext(); ) {
                Seen s = it.next();
                if (now - s.at() > DUPLICATE_WINDOW_MILLIS) {
                    it.remove();
                } else if (s.hash() == hash) {
                    repeats++;
                }
            }
            seen.addLast(new Seen(hash, now));
            if (seen.size() > HISTORY) {
                seen.removeFirst();
            }
        }
        return repeats >= DUPLICATE_REPEATS ? Optional.of("duplicate") : Optional.empty();
    }

    static int countLinks(String content) {
        String lower = content.toLowerCase(java.util.Locale.ROOT);
        int links = 0;
        for (String marker : new String[] {"http://", "https://", "www.", "discord.gg/"}) {
            for (int i = lower.indexOf(marker); i >= 0; i = lower.indexOf(marker, i + marker.length())) {
                if (!(marker.equals("www.") && i >= 2 && lower.startsWith("//", i - 2))) {
                    links++;
                }
            }
        }
        return links;
    }

    private static boolean flood(NormalizedText t) {
        int words = 0;
        Map<String, Integer> counts = new java.util.HashMap<>();
        int best = 0;
        String collapsed = t.collapsed();
        int i = 0;
        while (i < t.length()) {
            if (t.run(i) >= FLOOD_RUN && t.charAt(i) != ' ') {
                return true;
            }
            if (!t.isWordChar(i)) {
                i++;
                continue;
            }
            int start = i;
            while (i < t.length() && t.isWordChar(i)) {
                if (t.run(i) >= FLOOD_RUN) {
                    return true;
                }
                i++;
            }
            words++;
            String w = collapsed.substring(start, i);
            best = Math.max(best, counts.merge(w, 1, Integer::sum));
        }
        return words >= FLOOD_MIN_WORDS && best * 100 >= FLOOD_WORD_PERCENT * words;
    }
}
