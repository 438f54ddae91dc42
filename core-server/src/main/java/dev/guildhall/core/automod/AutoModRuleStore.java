package dev.guildhall.core.automod;

import dev.guildhall.automod.rules.AutoModJson;
import dev.guildhall.automod.rules.AutoModerationRule;
import dev.guildhall.automod.rules.TriggerType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** SQL for AutoMod rules: one row per rule, Discord's rule object as JSON. */
final class AutoModRuleStore {
    private AutoModRuleStore() {
    }

    static List<AutoModerationRule> ofGuild(Connection c, long guildId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT rule::text FROM automod_rules WHERE guild_id = ? ORDER BY id")) {
            ps.setLong(1, guildId);
            List<AutoModerationRule> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs.getString(1)));
                }
            }
            return out;
        }
    }

    /** The rule, or null when the guild has no rule with that id. */
    static AutoModerationRule find(Connection c, long guildId, long ruleId, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT rule::text FROM automod_rules WHERE guild_id = ? AND id = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setLong(1, guildId);
            ps.setLong(2, ruleId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs.getString(1)) : null;
            }
        }
    }

    /** How many rules of each trigger type the guild has, leaving out {@code exceptRuleId}. */
    static Map<TriggerType, Integer> countsByType(Connection c, long guildId, long exceptRuleId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT trigger_type, count(*) FROM automod_rules WHERE guild_id = ? AND id <> ? GROUP BY trigger_type""")) {
            ps.setLong(1, guildId);
            ps.setLong(2, exceptRuleId);
            Map<TriggerType, Integer> out = new EnumMap<>(TriggerType.class);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(TriggerType.of(rs.getInt(1)), rs.getInt(2));
                }
            }
            return out;
        }
    }

    /** Serialises rule changes of a guild (the per-type maximum is checked against committed rows). */
    static void insert(Connection c, AutoModerationRule rule) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO automod_rules (id, guild_id, trigger_type, rule) VALUES (?, ?, ?, ?::jsonb)")) {
            ps.setLong(1, rule.id());
            ps.setLong(2, rule.guildId());
            ps.setInt(3, rule.triggerType().value());
            ps.setString(4, AutoModJson.write(rule));
            ps.executeUpdate();
        }
    }

    static void update(Connection c, AutoModerationRule rule) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE automod_rules SET rule = ?::jsonb WHERE id = ?")) {
            ps.setString(1, AutoModJson.write(rule));
            ps.setLong(2, rule.id());
            ps.executeUpdate();
        }
    }

    static void delete(Connection c, long ruleId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM automod_rules WHERE id = ?")) {
            ps.setLong(1, ruleId);
            ps.executeUpdate();
        }
    }

    private static AutoModerationRule read(String json) {
        AutoModJson.Parsed<AutoModerationRule> parsed = AutoModJson.read(json, AutoModerationRule.class);
        if (!parsed.ok()) {
            throw new IllegalStateException("stored rule does not parse: " + parsed.errors());
        }
        return parsed.value();
    }
}
