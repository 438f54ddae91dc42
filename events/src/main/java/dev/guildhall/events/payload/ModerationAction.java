package dev.guildhall.events.payload;

/**
 * A moderator acted on a member (type {@code moderation.action}, topic {@code guildhall.moderation}).
 *
 * @param action     one of {@code kick}, {@code ban}, {@code unban}, {@code timeout}, {@code timeout_removed}, and
 *                   in voice {@code voice_move}, {@code voice_disconnect}, {@code voice_mute}, {@code voice_unmute},
 *                   {@code voice_deafen}, {@code voice_undeafen}
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
    public static final String VOICE_MOVE = "voice_move";
    public static final String VOICE_DISCONNECT = "voice_disconnect";
    public static final String VOICE_MUTE = "voice_mute";
    public static final String VOICE_UNMUTE = "voice_unmute";
    public static final String VOICE_DEAFEN = "voice_deafen";
    public static final String VOICE_UNDEAFEN = "voice_undeafen";
}
