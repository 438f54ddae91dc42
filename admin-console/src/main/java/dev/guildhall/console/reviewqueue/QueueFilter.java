package dev.guildhall.console.reviewqueue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The queue's filters and sort as core-server's list query.
 *
 * @param status      {@code pending}, {@code resolved} or {@code all}
 * @param blocked     null = flagged and blocked, true = blocked only, false = flagged only
 * @param triggerType null = any rule trigger
 * @param channelId   0 = any channel
 * @param authorId    0 = any author
 * @param sort        {@code newest}, {@code oldest} or {@code score}
 */
public record QueueFilter(String status, Boolean blocked, Integer triggerType, long channelId, long authorId,
                          String sort) {

    public static QueueFilter pendingNewest() {
        return new QueueFilter("pending", null, null, 0, 0, "newest");
    }

    /** Whether anything narrows the pending queue (so an empty page says "clear the filters"). */
    public boolean narrowed() {
        return !"pending".equals(status) || blocked != null || triggerType != null || channelId != 0 || authorId != 0;
    }

    String query(int offset, int limit) {
        List<String> parts = new ArrayList<>();
        parts.add("status=" + enc(status));
        parts.add("sort=" + enc(sort));
        if (blocked != null) {
            parts.add("blocked=" + blocked);
        }
        if (triggerType != null) {
            parts.add("trigger_type=" + triggerType);
        }
        if (channelId != 0) {
            parts.add("channel_id=" + channelId);
        }
        if (authorId != 0) {
            parts.add("author_id=" + authorId);
        }
        parts.add("limit=" + limit);
        parts.add("offset=" + offset);
        return String.join("&", parts);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
