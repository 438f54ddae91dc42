package dev.guildhall.console.insights;

import dev.guildhall.console.config.ConsoleProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/** Messages per minute of one guild over the configured window (the last hour by default). */
@Service
public class MessageInsights {

    private final MessageCountsReader reader;
    private final Duration window;
    private final Clock clock;

    @Autowired
    public MessageInsights(MessageCountsReader reader, ConsoleProperties properties) {
        this(reader, properties.window(), Clock.systemUTC());
    }

    public MessageInsights(MessageCountsReader reader, Duration window, Clock clock) {
        this.reader = reader;
        this.window = window;
        this.clock = clock;
    }

    /** Messages per channel over the window, busiest first, named by {@code names} (id → name). */
    public List<ChannelActivity> channelsLastWindow(long guildId, Map<Long, String> names) {
        Instant to = windowEnd();
        return reader.messagesPerChannel(guildId, to.minus(window), to).stream()
                .filter(c -> c.messages() > 0)
                .map(c -> new ChannelActivity(c.channelId(),
                        names.getOrDefault(c.channelId(), "channel " + c.channelId() + " (unknown)"), c.messages()))
                .toList();
    }

    /** The window ends after the current minute so the minute in progress is included. */
    private Instant windowEnd() {
        return clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
    }

    public MessageActivity lastWindow(long guildId) {
        Instant to = windowEnd();
        Instant from = to.minus(window);
        Map<Instant, Long> byMinute = new LinkedHashMap<>();
        for (MinuteMessages m : reader.messagesPerMinute(guildId, from, to)) {
            Instant minute = m.minute().truncatedTo(ChronoUnit.MINUTES);
            if (!minute.isBefore(from) && minute.isBefore(to)) {
                byMinute.merge(minute, m.messages(), Long::sum);
            }
        }
        List<MinuteMessages> minutes = new ArrayList<>();
        for (Instant t = from; t.isBefore(to); t = t.plus(1, ChronoUnit.MINUTES)) {
            minutes.add(new MinuteMessages(t, byMinute.getOrDefault(t, 0L)));
        }
        List<MinuteMessages> active = minutes.stream()
                .filter(m -> m.messages() > 0)
                .sorted(Comparator.comparing(MinuteMessages::minute).reversed())
                .toList();
        return new MessageActivity(from, to, List.copyOf(minutes), active);
    }
}
