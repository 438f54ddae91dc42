package dev.guildhall.core.staff;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auth.Principal;
import dev.guildhall.core.auth.User;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.moderation.QueryParams;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Platform admins' user and guild lookup ({@code GET /admin/users}, {@code GET /admin/guilds}): by id, or by
 * username prefix / guild name fragment (any case); an empty query lists from the start of the alphabet.
 */
public final class AdminLookupService {
    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 100;

    private final StaffService staff;

    public AdminLookupService(StaffService staff) {
        this.staff = staff;
    }

    /** Users whose id is the query or whose username starts with it, with their counts and staff roles. */
    public ArrayNode users(Principal caller, String query, String limitParam) {
        return lookup(caller, query, limitParam, "SELECT u.id, u.username, u.global_name, u.bot, "
                + "u.created_at, (SELECT count(*) FROM guilds g WHERE g.owner_id = u.id), "
                + "(SELECT count(*) FROM members m WHERE m.user_id = u.id), "
                + "(SELECT count(*) FROM auth_tokens t WHERE t.user_id = u.id) "
                + "FROM users u WHERE u.id = ? OR u.username_key LIKE ? ESCAPE '\\' "
                + "ORDER BY (u.id = ?) DESC, u.username_key LIMIT ?", q -> q + "%", (c, rs, o) -> {
                    User user = new User(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4));
                    o.put("id", Json.id(user.id()));
                    o.put("username", user.username());
                    o.put("global_name", user.globalName());
                    o.put("bot", user.bot());
                    o.put("created_at", Json.timestamp(rs.getTimestamp(5).toInstant()));
                    o.put("guilds_owned", rs.getLong(6));
                    o.put("guilds_joined", rs.getLong(7));
                    o.put("active_tokens", rs.getLong(8));
                    ArrayNode roles = o.putArray("staff_roles");
                    staff.rolesOf(c, user).stream().sorted().forEach(r -> roles.add(r.name()));
                });
    }

    /** Guilds whose id is the query or whose name contains it, with owner, member and channel counts. */
    public ArrayNode guilds(Principal caller, String query, String limitParam) {
        return lookup(caller, query, limitParam, "SELECT g.id, g.name, g.owner_id, o.username, g.created_at, "
                + "(SELECT count(*) FROM members m WHERE m.guild_id = g.id), "
                + "(SELECT count(*) FROM channels ch WHERE ch.guild_id = g.id) "
                + "FROM guilds g JOIN users o ON o.id = g.owner_id "
                + "WHERE g.id = ? OR lower(g.name) LIKE ? ESCAPE '\\' "
                + "ORDER BY (g.id = ?) DESC, lower(g.name), g.id LIMIT ?", q -> "%" + q + "%", (c, rs, o) -> {
                    o.put("id", Json.id(rs.getLong(1)));
                    o.put("name", rs.getString(2));
                    o.set("owner", StaffService.userRef(rs.getLong(3), rs.getString(4)));
                    o.put("created_at", Json.timestamp(rs.getTimestamp(5).toInstant()));
                    o.put("member_count", rs.getLong(6));
                    o.put("channel_count", rs.getLong(7));
                });
    }

    /**
     * One lookup as an admin: {@code sql} takes (id, LIKE pattern, id, limit); the pattern is {@code pattern} applied
     * to the lower-cased, LIKE-escaped query; each row becomes one object through {@code row}.
     */
    private ArrayNode lookup(Principal caller, String query, String limitParam, String sql,
                             UnaryOperator<String> pattern, RowWriter row) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        int limit = QueryParams.integer("limit", limitParam, 1, MAX_LIMIT, DEFAULT_LIMIT, errors);
        String q = query == null ? "" : query.strip();
        return staff.asAdmin(caller, c -> {
            errors.throwIfAny();
            ArrayNode out = Json.array();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                long id = StaffService.parseId(q);
                ps.setLong(1, id);
                ps.setString(2, pattern.apply(likeEscape(q.toLowerCase(Locale.ROOT))));
                ps.setLong(3, id);
                ps.setInt(4, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        row.write(c, rs, out.addObject());
                    }
                }
            }
            return out;
        });
    }

    /** Writes one result row into its JSON object (the connection for follow-up reads). */
    @FunctionalInterface
    private interface RowWriter {
        void write(Connection c, ResultSet rs, ObjectNode o) throws SQLException;
    }

    /** The text with LIKE's wildcards escaped (backslash escapes). */
    static String likeEscape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
