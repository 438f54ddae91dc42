package dev.guildhall.events.payload;

import java.util.List;

/**
 * A member's nick, roles or timeout changed (type {@code member.updated}, topic {@code guildhall.members}).
 *
 * @param actorId                    who changed it (the member itself for its own nick)
 * @param changed                    changed fields: {@code nick}, {@code roles}, {@code communication_disabled_until}
 * @param roleIds                    the member's role ids after the change (@everyone excluded)
 * @param communicationDisabledUntil epoch ms the timeout ends, or null when not timed out
 * @param updatedAt                  epoch ms
 */
public record MemberUpdated(String userId, String actorId, List<String> changed, List<String> roleIds,
                            Long communicationDisabledUntil, long updatedAt) {
}
