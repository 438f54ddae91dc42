package dev.guildhall.console.reviewqueue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An item with what a moderator needs to decide: the messages around it in its channel ({@code context}, newest
 * first, null when the moderator cannot view the channel) and the author's earlier items and recent messages.
 */
public record QueueItemDetail(QueueItem item, List<Line> context, List<QueueItem> earlierItems,
                              List<Line> recentMessages) {

    /** A message line: who, what, when; {@code flagged} marks the item's own message. */
    public record Line(long id, String author, String content, Instant at, boolean flagged) {
    }

    static QueueItemDetail from(JsonNode o) {
        QueueItem item = QueueItem.from(o);
        List<Line> context = null;
        if (o.path("context").isArray()) {
            context = new ArrayList<>();
            for (JsonNode m : o.path("context")) {
                long id = QueueItem.id(m.path("id"));
                context.add(new Line(id, m.path("author").path("username").asText(""), m.path("content").asText(""),
                        QueueItem.time(m.path("timestamp")), id == item.messageId()));
            }
        }
        List<QueueItem> earlier = new ArrayList<>();
        for (JsonNode i : o.path("author_history").path("items")) {
            earlier.add(QueueItem.from(i));
        }
        List<Line> recent = new ArrayList<>();
        for (JsonNode m : o.path("author_history").path("messages")) {
            long id = QueueItem.id(m.path("id"));
            recent.add(new Line(id, item.authorName(), m.path("content").asText(""),
                    QueueItem.time(m.path("timestamp")), id == item.messageId()));
        }
        return new QueueItemDetail(item, context == null ? null : List.copyOf(context), List.copyOf(earlier),
                List.copyOf(recent));
    }
}
