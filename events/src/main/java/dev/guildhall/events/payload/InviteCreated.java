package dev.guildhall.events.payload;

/**
 * An invite was created (type {@code invite.created}, topic {@code guildhall.guilds}).
 *
 * @param maxAge    seconds until it expires, 0 = never
 * @param maxUses   0 = unlimited
 * @param createdAt epoch ms
 */
public record InviteCreated(String code, String channelId, String inviterId, int maxAge, int maxUses,
                            long createdAt) {
}
