package dev.guildhall.console.reviewqueue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * One review-queue item as core-server describes it ({@code GET .../auto-moderation/queue}).
 *
 * @param content     the text under review; null when core-server hides it (the moderator cannot view the channel)
 * @param score       highest model score of a non-safe label, or null
 * @param claimedBy   the moderator holding an unexpired claim, 0 = nobody
 * @param resolution  the decision ({@code approve}, {@code remove}, ...), null while pending
 */
public record QueueItem(long id, long channelId, long messageId, long authorId, String authorName, long ruleId,
                        String ruleName, int triggerType, boolean blocked, String matchedKeyword,
                        String matchedContent, String content, boolean contentHidden, boolean messageDeleted,
                        Double score, String status, Instant createdAt, long claimedBy, Instant claimExpiresAt,
                        String resolution, long resolvedBy, String resolutionReason) {

    public boolean pending() {
        return "pending".equals(status);
    }

    static QueueItem from(JsonNode o) {
        JsonNode claim = o.path("claim");
        JsonNode resolution = o.path("resolution");
        return new QueueItem(id(o.path("id")), id(o.path("channel_id")), id(o.path("message_id")),
                id(o.path("author").path("id")), o.path("author").path("username").asText(""),
                id(o.path("rule_id")), o.path("rule_name").asText(""), o.path("trigger_type").asInt(),
                o.path("blocked").asBoolean(), text(o.path("matched_keyword")), text(o.path("matched_content")),
                text(o.path("content")), o.path("content_hidden").asBoolean(), o.path("message_deleted").asBoolean(),
                o.path("score").isNumber() ? o.path("score").asDouble() : null, o.path("status").asText(""),
                time(o.path("created_at")), claim.isObject() ? id(claim.path("user_id")) : 0,
                claim.isObject() ? time(claim.path("expires_at")) : null,
                resolution.isObject() ? resolution.path("action").asText() : null,
                resolution.isObject() ? id(resolution.path("user_id")) : 0,
                resolution.isObject() ? text(resolution.path("reason")) : null);
    }

    static long id(JsonNode node) {
        try {
            return node.isMissingNode() || node.isNull() ? 0 : Long.parseLong(node.asText());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    static Instant time(JsonNode node) {
        return node.isTextual() ? OffsetDateTime.parse(node.asText()).toInstant() : null;
    }
}
