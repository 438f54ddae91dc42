package dev.guildhall.core.automod;

import dev.guildhall.core.db.Database;
import dev.guildhall.core.gateway.Dispatch;
import dev.guildhall.core.gateway.UserDispatcher;
import dev.guildhall.core.permissions.Permissions;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivers AutoMod dispatches (AUTO_MODERATION_RULE_*, AUTO_MODERATION_ACTION_EXECUTION) only to the members who
 * may see AutoMod: the owner and members whose roles (with @everyone) grant MANAGE_GUILD or ADMINISTRATOR. Guild
 * permissions only: channel overwrites cannot grant MANAGE_GUILD. Each user's sessions in the guild get the dispatch
 * through the gateway's per-user delivery; the intent on the dispatch still applies.
 */
final class ManageGuildAudience {
    private final Database db;
    private final UserDispatcher users;

    ManageGuildAudience(Database db, UserDispatcher users) {
        this.db = db;
        this.users = users;
    }

    void publish(long guildId, Dispatch dispatch) {
        for (long userId : managers(guildId)) {
            users.dispatchToUser(guildId, userId, dispatch, 0);
        }
    }

    private List<Long> managers(long guildId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT m.user_id FROM members m JOIN guilds g ON g.id = m.guild_id
                     WHERE m.guild_id = ?
                       AND (m.user_id = g.owner_id
                            OR ((SELECT permissions FROM roles WHERE id = m.guild_id)
                                | coalesce((SELECT bit_or(r.permissions) FROM member_roles mr
                                              JOIN roles r ON r.id = mr.role_id
                                             WHERE mr.guild_id = m.guild_id AND mr.user_id = m.user_id), 0))
                               & ? <> 0)""")) {
                ps.setLong(1, guildId);
                ps.setLong(2, Permissions.MANAGE_GUILD | Permissions.ADMINISTRATOR);
                List<Long> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
                return out;
            }
        });
    }
}
