package dev.guildhall.events.payload;

/**
 * AutoMod executed one action of a rule on a message (type {@code automod.action}, topic
 * {@code guildhall.moderation}). No message content: moderators read the excerpt in the review queue.
 *
 * @param actionType     Discord's action type value (1 BLOCK_MESSAGE, 2 SEND_ALERT_MESSAGE, 3 TIMEOUT,
 *                       100 FLAG_TO_QUEUE)
 * @param messageId      the stored message, null when the message was blocked
 * @param matchedKeyword the rule's keyword or regex that matched (rule configuration), null for other triggers
 * @param queueItemId    the review-queue item this action opened (FLAG_TO_QUEUE and BLOCK_MESSAGE), else null
 * @param until          epoch ms the timeout ends (TIMEOUT only), else null
 */
public record AutoModActionExecuted(String ruleId, int triggerType, int actionType, String userId, String channelId,
                                    String messageId, String matchedKeyword, String queueItemId, Long until,
                                    long occurredAt) {
}
