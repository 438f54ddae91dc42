package dev.guildhall.events.payload;

/**
 * A member left a guild (type {@code member.left}, topic {@code guildhall.members}).
 *
 * @param reason  {@code left}, {@code kicked} or {@code banned}
 * @param actorId who removed the member (the member itself when it left)
 * @param leftAt  epoch ms
 */
public record MemberLeft(String userId, String reason, String actorId, long leftAt) {
    public static final String LEFT = "left";
    public static final String KICKED = "kicked";
    public static final String BANNED = "banned";
}
