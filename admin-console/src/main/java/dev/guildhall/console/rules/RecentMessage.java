package dev.guildhall.console.rules;

import java.time.Instant;
import java.util.Set;

/**
 * A recent message of the guild, as the preview evaluates it.
 *
 * @param authorExempt the author holds MANAGE_GUILD or ADMINISTRATOR or owns the guild: AutoMod skips them (Discord)
 * @param userMentions unique users mentioned in the content ({@code <@id>}, {@code <@!id>})
 * @param roleMentions unique roles mentioned in the content ({@code <@&id>})
 */
public record RecentMessage(long id, TextChannel channel, long authorId, String authorName, Set<Long> authorRoleIds,
                            boolean authorExempt, String content, Instant sentAt, int userMentions,
                            int roleMentions) {
}
