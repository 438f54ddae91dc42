package dev.guildhall.events.payload;

/**
 * A platform staff role was granted or revoked (type {@code staff.role_changed}, topic {@code guildhall.moderation};
 * the envelope's guild id is "0": staff roles belong to no guild).
 *
 * @param action     {@code granted} or {@code revoked}
 * @param userId     the user whose roles changed
 * @param role       {@code PLATFORM_ADMIN}, {@code SRE} or {@code TRUST_SAFETY}
 * @param actorId    the platform admin who acted, or null when core-server's configuration granted it
 * @param reason     the reason given (always present for admin actions)
 * @param occurredAt epoch ms
 */
public record StaffRoleChanged(String action, String userId, String role, String actorId, String reason,
                               long occurredAt) {
    public static final String GRANTED = "granted";
    public static final String REVOKED = "revoked";
}
