package dev.guildhall.events.payload;

/**
 * A user joined a guild (type {@code member.joined}, topic {@code guildhall.members}).
 *
 * @param bot        whether the user is a bot
 * @param inviteCode the invite used, or null
 * @param joinedAt   epoch ms
 */
public record MemberJoined(String userId, boolean bot, String inviteCode, long joinedAt) {
}
