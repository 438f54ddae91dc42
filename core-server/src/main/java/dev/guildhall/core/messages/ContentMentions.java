package dev.guildhall.core.messages;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auth.UserViews;
import dev.guildhall.core.guilds.GuildStore;
import dev.guildhall.core.guilds.GuildViews;
import dev.guildhall.core.guilds.Member;
import dev.guildhall.core.guilds.Role;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.permissions.Permissions;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mentions of a message's content ({@code <@id>}, {@code <@!id>}, {@code <@&id>}, {@code @everyone},
 * {@code @here}), kept as Discord keeps them: users only when they are guild members and allowed, roles only when
 * they exist and are mentionable or the author has MENTION_EVERYONE, @everyone/@here only with MENTION_EVERYONE.
 * At most {@link #MAX_DISTINCT} distinct users and roles are looked at.
 */
final class ContentMentions {
    static final int MAX_DISTINCT = 100;
    private static final Pattern USER = Pattern.compile("<@!?(\\d{1,20})>");
    private static final Pattern ROLE = Pattern.compile("<@&(\\d{1,20})>");

    /** What the content mentions, before any check. */
    record Scan(Set<Long> users, Set<Long> roles, boolean everyone) {
    }

    private ContentMentions() {
    }

    static Scan scan(String content) {
        return new Scan(ids(USER, content), ids(ROLE, content),
                content.contains("@everyone") || content.contains("@here"));
    }

    private static Set<Long> ids(Pattern p, String content) {
        Set<Long> out = new LinkedHashSet<>();
        Matcher m = p.matcher(content);
        while (m.find() && out.size() < MAX_DISTINCT) {
            try {
                out.add(Long.parseLong(m.group(1)));
            } catch (NumberFormatException tooLarge) {
                // not a snowflake: Discord leaves it as text
            }
        }
        return out;
    }

    /**
     * @param permissions the author's permissions in the channel
     * @param repliedTo   the author of the message replied to (0 for none) when the reply mentions them
     */
    static Mentions resolve(Connection c, long guildId, String content, AllowedMentions allowed, long permissions,
                            long repliedTo) throws SQLException {
        Scan scan = scan(content);
        Set<Long> userIds = new LinkedHashSet<>();
        scan.users().stream().filter(allowed::user).forEach(userIds::add);
        if (repliedTo != 0 && allowed.repliedUser()) {
            userIds.add(repliedTo);
        }
        ArrayNode users = Json.array();
        for (long id : userIds) {
            Member member = GuildStore.member(c, guildId, id);
            if (member != null) {
                ObjectNode u = UserViews.user(member.user());
                u.set("member", GuildViews.member(member, false));
                users.add(u);
            }
        }
        boolean mentionEveryone = Permissions.has(permissions, Permissions.MENTION_EVERYONE);
        ArrayNode roles = Json.array();
        if (!scan.roles().isEmpty()) {
            for (Role r : GuildStore.roles(c, guildId)) {
                if (r.id() != guildId && scan.roles().contains(r.id()) && allowed.role(r.id())
                        && (r.mentionable() || mentionEveryone)) {
                    roles.add(Json.id(r.id()));
                }
            }
        }
        return new Mentions(users, roles, scan.everyone() && allowed.parseEveryone() && mentionEveryone);
    }
}
