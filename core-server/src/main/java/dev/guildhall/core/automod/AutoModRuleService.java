package dev.guildhall.core.automod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.automod.rules.Action;
import dev.guildhall.automod.rules.ActionType;
import dev.guildhall.automod.rules.AutoModJson;
import dev.guildhall.automod.rules.AutoModerationRule;
import dev.guildhall.automod.rules.FieldError;
import dev.guildhall.automod.rules.RuleValidator;
import dev.guildhall.core.auditlog.AuditChanges;
import dev.guildhall.core.auditlog.AuditLogEvent;
import dev.guildhall.core.auditlog.ChangeRecorder;
import dev.guildhall.core.auth.Principal;
import dev.guildhall.core.channels.Channel;
import dev.guildhall.core.channels.ChannelStore;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.errors.UnknownAutoModRule;
import dev.guildhall.core.gateway.Dispatch;
import dev.guildhall.core.gateway.Intents;
import dev.guildhall.core.guilds.GuildStore;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.moderation.GuildActor;
import dev.guildhall.core.permissions.PermissionCalculator;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.events.payload.AutoModRuleChanged;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Discord's auto moderation resource: list, get, create, modify and delete a guild's rules (MANAGE_GUILD; a rule
 * with a TIMEOUT action also needs MODERATE_MEMBERS). Rules are checked with the automod library's
 * {@link RuleValidator} (Discord's limits, 50035 with the nested errors). Each change writes its audit log entry and
 * {@code automod.rule_changed} event in its transaction; after the commit the guild's compiled rules are dropped and
 * AUTO_MODERATION_RULE_* goes to the members with MANAGE_GUILD.
 */
public final class AutoModRuleService {
    /** Fields a modify body may change (trigger_type is fixed once created, as in Discord). */
    private static final List<String> MODIFIABLE = List.of("name", "event_type", "trigger_metadata", "actions",
            "enabled", "exempt_roles", "exempt_channels");

    private final Database db;
    private final PermissionCalculator permissions;
    private final ChangeRecorder recorder;
    private final CompiledRuleCache cache;
    private final ManageGuildAudience audience;

    AutoModRuleService(Database db, PermissionCalculator permissions, ChangeRecorder recorder, CompiledRuleCache cache,
                       ManageGuildAudience audience) {
        this.db = db;
        this.permissions = permissions;
        this.recorder = recorder;
        this.cache = cache;
        this.audience = audience;
    }

    /** {@code GET /guilds/{id}/auto-moderation/rules}. */
    public ArrayNode list(Principal caller, long guildId) {
        List<AutoModerationRule> rules = db.read(c -> {
            GuildActor.of(c, permissions, guildId, caller.userId()).require(Permissions.MANAGE_GUILD);
            return AutoModRuleStore.ofGuild(c, guildId);
        });
        ArrayNode out = Json.array();
        rules.forEach(r -> out.add(view(r)));
        return out;
    }

    /** {@code GET /guilds/{id}/auto-moderation/rules/{rule_id}}. */
    public ObjectNode get(Principal caller, long guildId, long ruleId) {
        AutoModerationRule rule = db.read(c -> {
            GuildActor.of(c, permissions, guildId, caller.userId()).require(Permissions.MANAGE_GUILD);
            return AutoModRuleStore.find(c, guildId, ruleId, false);
        });
        if (rule == null) {
            throw new UnknownAutoModRule();
        }
        return view(rule);
    }

    /** {@code POST /guilds/{id}/auto-moderation/rules}: {@code enabled} defaults to false, like Discord. */
    public ObjectNode create(Principal caller, long guildId, JsonNode body, String reason) {
        Instant now = Instant.now();
        AutoModerationRule created = db.inTransaction(c -> {
            GuildActor actor = GuildActor.of(c, permissions, guildId, caller.userId()).require(Permissions.MANAGE_GUILD);
            ObjectNode json = body.deepCopy();
            json.put("id", Json.id(recorder.nextId()));
            json.put("guild_id", Json.id(guildId));
            json.put("creator_id", Json.id(caller.userId()));
            AutoModerationRule rule = parse(json);
            requireTimeoutPermission(actor, rule);
            GuildStore.lock(c, guildId);
            validate(c, rule, 0);
            AutoModRuleStore.insert(c, rule);
            ObjectNode v = view(rule);
            AuditChanges changes = new AuditChanges();
            for (String key : List.of("name", "event_type", "trigger_type", "trigger_metadata", "actions", "enabled",
                    "exempt_roles", "exempt_channels")) {
                changes.created(key, v.get(key));
            }
            recorder.audit(c, guildId, caller.userId(), AuditLogEvent.AUTO_MODERATION_RULE_CREATE, rule.id(), changes,
                    null, reason);
            recorder.event(c, guildId, now, event(rule, AutoModRuleChanged.CREATED, caller.userId(), now));
            return rule;
        });
        committed(guildId, "AUTO_MODERATION_RULE_CREATE", created);
        return view(created);
    }

    /** {@code PATCH /guilds/{id}/auto-moderation/rules/{rule_id}}: every field optional. */
    public ObjectNode modify(Principal caller, long guildId, long ruleId, JsonNode body, String reason) {
        Instant now = Instant.now();
        AutoModerationRule updated = db.inTransaction(c -> {
            GuildActor actor = GuildActor.of(c, permissions, guildId, caller.userId()).require(Permissions.MANAGE_GUILD);
            GuildStore.lock(c, guildId);
            AutoModerationRule old = AutoModRuleStore.find(c, guildId, ruleId, true);
            if (old == null) {
                throw new UnknownAutoModRule();
            }
            ObjectNode before = view(old);
            ObjectNode json = before.deepCopy();
            for (String key : MODIFIABLE) {
                if (body.has(key)) {
                    json.set(key, body.get(key));
                }
            }
            AutoModerationRule rule = parse(json);
            requireTimeoutPermission(actor, rule);
            validate(c, rule, ruleId);
            AutoModRuleStore.update(c, rule);
            ObjectNode after = view(rule);
            AuditChanges changes = new AuditChanges();
            for (String key : MODIFIABLE) {
                changes.change(key, before.get(key), after.get(key));
            }
            recorder.audit(c, guildId, caller.userId(), AuditLogEvent.AUTO_MODERATION_RULE_UPDATE, ruleId, changes,
                    null, reason);
            recorder.event(c, guildId, now, event(rule, AutoModRuleChanged.UPDATED, caller.userId(), now));
            return rule;
        });
        committed(guildId, "AUTO_MODERATION_RULE_UPDATE", updated);
        return view(updated);
    }

    /** {@code DELETE /guilds/{id}/auto-moderation/rules/{rule_id}}: 204. */
    public void delete(Principal caller, long guildId, long ruleId, String reason) {
        Instant now = Instant.now();
        AutoModerationRule deleted = db.inTransaction(c -> {
            GuildActor.of(c, permissions, guildId, caller.userId()).require(Permissions.MANAGE_GUILD);
            AutoModerationRule old = AutoModRuleStore.find(c, guildId, ruleId, true);
            if (old == null) {
                throw new UnknownAutoModRule();
            }
            AutoModRuleStore.delete(c, ruleId);
            recorder.audit(c, guildId, caller.userId(), AuditLogEvent.AUTO_MODERATION_RULE_DELETE, ruleId,
                    new AuditChanges().deleted("name", old.name())
                            .deleted("trigger_type", old.triggerType().value()), null, reason);
            recorder.event(c, guildId, now, event(old, AutoModRuleChanged.DELETED, caller.userId(), now));
            return old;
        });
        committed(guildId, "AUTO_MODERATION_RULE_DELETE", deleted);
    }

    private void committed(long guildId, String type, AutoModerationRule rule) {
        recorder.committed();
        cache.reload(guildId);
        audience.publish(guildId, Dispatch.guildWide(type, view(rule), Intents.AUTO_MODERATION_CONFIGURATION));
    }

    /** The rule as Discord returns it: snowflakes as strings, the trigger type's metadata fields only. */
    static ObjectNode view(AutoModerationRule rule) {
        return AutoModJson.mapper().valueToTree(rule);
    }

    /** Reads a rule body; a bad value becomes a 50035 at its path. Metadata is trimmed to the trigger type's. */
    private static AutoModerationRule parse(ObjectNode json) {
        AutoModJson.Parsed<AutoModerationRule> parsed = AutoModJson.read(Json.string(json), AutoModerationRule.class);
        if (!parsed.ok()) {
            throw formBody(parsed.errors());
        }
        AutoModerationRule r = parsed.value();
        if (r.triggerType() == null) {
            return r;
        }
        return new AutoModerationRule(r.id(), r.guildId(), r.name(), r.creatorId(), r.eventType(), r.triggerType(),
                r.triggerMetadata().forType(r.triggerType()), r.actions(), r.enabled(), r.exemptRoles(),
                r.exemptChannels());
    }

    /** Discord's limits, the per-guild maximum per trigger type, and alert channels of this guild. */
    private static void validate(Connection c, AutoModerationRule rule, long exceptRuleId) throws SQLException {
        List<FieldError> errors = new java.util.ArrayList<>(RuleValidator.validate(rule,
                AutoModRuleStore.countsByType(c, rule.guildId(), exceptRuleId)));
        List<Action> actions = rule.actions();
        for (int i = 0; i < actions.size(); i++) {
            Action a = actions.get(i);
            if (a != null && a.type() == ActionType.SEND_ALERT_MESSAGE && a.metadata() != null
                    && a.metadata().channelId() != null) {
                Channel ch = ChannelStore.find(c, a.metadata().channelId());
                if (ch == null || ch.guildId() != rule.guildId()) {
                    errors.add(new FieldError("actions." + i + ".metadata.channel_id", "CHANNEL_NOT_FOUND",
                            "Unknown channel"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw formBody(errors);
        }
    }

    /** Discord: the TIMEOUT action type also requires MODERATE_MEMBERS. */
    private static void requireTimeoutPermission(GuildActor actor, AutoModerationRule rule) {
        if (rule.actions().stream().anyMatch(a -> a != null && a.type() == ActionType.TIMEOUT)) {
            actor.require(Permissions.MODERATE_MEMBERS);
        }
    }

    private static InvalidFormBody formBody(List<FieldError> errors) {
        InvalidFormBody.Builder b = InvalidFormBody.builder();
        errors.forEach(e -> b.add(e.path(), e.code(), e.message()));
        return b.build();
    }

    private static AutoModRuleChanged event(AutoModerationRule r, String action, long actorId, Instant now) {
        return new AutoModRuleChanged(Json.id(r.id()), r.name(), action, r.triggerType().value(),
                r.actions().stream().map(a -> a.type().value()).toList(), r.enabled(), Json.id(actorId),
                now.toEpochMilli());
    }
}
