package dev.guildhall.events.payload;

/**
 * A moderator acted on a member (type {@code moderation.action}, topic {@code guildhall.moderation}).
 *
 * @param action     one of {@code kick}, {@code ban}, {@code unban}, {@code timeout}, {@code timeout_removed}
 * @param actorId    the moderator
 * @param targetId   the user acted on
 * @param reason     the {@code X-Audit-Log-Reason}, or null
 * @param until      epoch ms a timeout ends (timeouts only), else null
 * @param occurredAt epoch ms
 */
public record ModerationAction(String action, String actorId, String targetId, String reason, Long until,
                               long occurredAt) {
    public static final String KICK = "kick";
    public static final String BAN = "ban";
    public static final String UNBAN = "unban";
    public static final String TIMEOUT = "timeout";
    public static final String TIMEOUT_REMOVED = "timeout_removed";
}
