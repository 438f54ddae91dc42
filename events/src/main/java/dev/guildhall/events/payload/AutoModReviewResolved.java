package dev.guildhall.events.payload;

/**
 * A moderator resolved a review-queue item (type {@code automod.review_resolved}, topic {@code guildhall.moderation}).
 * No message content: the decisions export of the queue carries the text for training.
 *
 * @param itemId      the review-queue item
 * @param ruleId      the rule that opened it
 * @param triggerType the rule's trigger type value
 * @param channelId   where the message was posted
 * @param messageId   the stored message (flagged) or the id it would have had (blocked)
 * @param authorId    the message's author
 * @param actorId     the moderator
 * @param action      one of {@code approve}, {@code remove}, {@code timeout}, {@code kick}, {@code ban}
 * @param blocked     whether AutoMod had blocked the message (it was never stored)
 * @param reason      the moderator's reason, or null
 * @param until       epoch ms the timeout ends ({@code timeout} only), else null
 * @param occurredAt  epoch ms
 */
public record AutoModReviewResolved(String itemId, String ruleId, int triggerType, String channelId,
                                    String messageId, String authorId, String actorId, String action,
                                    boolean blocked, String reason, Long until, long occurredAt) {
    public static final String APPROVE = "approve";
    public static final String REMOVE = "remove";
    public static final String TIMEOUT = "timeout";
    public static final String KICK = "kick";
    public static final String BAN = "ban";
}
