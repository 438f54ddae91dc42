package dev.guildhall.core.reviewqueue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auth.UserViews;
import dev.guildhall.core.json.Json;

import java.io.IOException;
import java.time.Instant;

/** JSON of review-queue items (snowflakes as strings, Discord's timestamps). */
final class ReviewViews {
    private ReviewViews() {
    }

    /**
     * An item; {@code contentVisible} false (the caller cannot view the item's channel) leaves out the text and
     * the matched content and sets {@code content_hidden}.
     */
    static ObjectNode item(ReviewItem i, boolean contentVisible, Instant now) {
        ObjectNode o = Json.object();
        o.put("id", Json.id(i.id()));
        o.put("guild_id", Json.id(i.guildId()));
        o.put("channel_id", Json.id(i.channelId()));
        o.put("message_id", Json.id(i.messageId()));
        o.set("author", UserViews.user(i.author()));
        o.put("rule_id", Json.id(i.ruleId()));
        o.put("rule_name", i.ruleName());
        o.put("trigger_type", i.triggerType());
        o.put("blocked", i.blocked());
        putText(o, "matched_keyword", i.matchedKeyword());
        putText(o, "matched_content", contentVisible ? i.matchedContent() : null);
        putText(o, "content", contentVisible ? i.text() : null);
        o.put("content_hidden", !contentVisible);
        o.put("message_deleted", !i.blocked() && !i.messageExists());
        putText(o, "reason", i.reason());
        o.set("scores", scores(i.scores()));
        if (i.score() == null) {
            o.putNull("score");
        } else {
            o.put("score", i.score());
        }
        o.put("model_pending", i.modelPending());
        o.put("status", i.status());
        o.put("created_at", Json.timestamp(i.createdAt()));
        if (i.pending() && i.claimed(now)) {
            ObjectNode claim = o.putObject("claim");
            claim.put("user_id", Json.id(i.claimedBy()));
            claim.put("expires_at", Json.timestamp(i.claimExpiresAt()));
        } else {
            o.putNull("claim");
        }
        if (i.resolution() == null) {
            o.putNull("resolution");
        } else {
            ObjectNode r = o.putObject("resolution");
            r.put("action", i.resolution());
            r.put("user_id", Json.id(i.resolvedBy()));
            r.put("resolved_at", Json.timestamp(i.resolvedAt()));
            putText(r, "reason", i.resolutionReason());
            putText(r, "timeout_until", i.timeoutUntil() == null ? null : Json.timestamp(i.timeoutUntil()));
        }
        return o;
    }

    private static void putText(ObjectNode o, String field, String value) {
        if (value == null) {
            o.putNull(field);
        } else {
            o.put(field, value);
        }
    }

    private static JsonNode scores(String json) {
        if (json == null) {
            return NullNode.getInstance();
        }
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored scores are not JSON: " + json, e);
        }
    }
}
