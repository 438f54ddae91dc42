package dev.guildhall.core.guilds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auditlog.AuditChanges;
import dev.guildhall.core.auditlog.AuditLogEvent;
import dev.guildhall.core.auditlog.ChangeRecorder;
import dev.guildhall.core.auth.Principal;
import dev.guildhall.core.channels.Channel;
import dev.guildhall.core.channels.ChannelStore;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.errors.MissingPermissions;
import dev.guildhall.core.gateway.Dispatch;
import dev.guildhall.core.gateway.GuildEventBus;
import dev.guildhall.core.gateway.Intents;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.json.Validation;
import dev.guildhall.core.moderation.GuildActor;
import dev.guildhall.core.permissions.PermissionCalculator;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.events.payload.GuildDeleted;
import dev.guildhall.events.payload.GuildUpdated;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Changing a guild's settings ({@code PATCH}, MANAGE_GUILD; switching the COMMUNITY feature needs ADMINISTRATOR:
 * name, system channel and the settings of {@link GuildSettingsPatch}) and deleting it (owner only).
 */
public final class GuildAdminService {
    private final Database db;
    private final PermissionCalculator permissions;
    private final ChangeRecorder recorder;
    private final GuildEventBus bus;
    private final MembershipListener listener;

    public GuildAdminService(Database db, PermissionCalculator permissions, ChangeRecorder recorder, GuildEventBus bus,
                             MembershipListener listener) {
        this.db = db;
        this.permissions = permissions;
        this.recorder = recorder;
        this.bus = bus;
        this.listener = listener;
    }

    /** {@code PATCH /guilds/{id}}: returns the guild; GUILD_UPDATE when something changed. */
    public ObjectNode modify(Principal caller, long guildId, JsonNode body, String reason) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        String name = null;
        if (body.has("name")) {
            name = Validation.requiredString(body, "name", errors);
            if (name != null) {
                name = name.strip();
                Validation.length(name, "name", 2, 100, errors);
            }
        }
        boolean hasSystemChannel = body.has("system_channel_id");
        Long systemChannel = null;
        JsonNode sc = body.get("system_channel_id");
        if (sc != null && !sc.isNull()) {
            if (!sc.asText().matches("\\d{1,20}")) {
                errors.add("system_channel_id", "NUMBER_TYPE_COERCE", "Value \"" + sc.asText() + "\" is not snowflake.");
            } else {
                systemChannel = Long.parseUnsignedLong(sc.asText());
            }
        }
        GuildSettingsPatch patch = GuildSettingsPatch.parse(body, errors);
        errors.throwIfAny();
        String newName = name;
        Long newSystemChannel = systemChannel;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        record Modified(ObjectNode view, boolean changed) {
        }
        Modified m = db.inTransaction(c -> {
            GuildActor actor = GuildActor.of(c, permissions, guildId, caller.userId())
                    .require(Permissions.MANAGE_GUILD);
            Guild old = GuildStore.findForUpdate(c, guildId);
            requireChannel(c, guildId, "system_channel_id", newSystemChannel, false);
            GuildSettings was = old.settings();
            GuildSettings st = patch.apply(was);
            requireChannel(c, guildId, "afk_channel_id", patch.has("afk_channel_id") ? st.afkChannelId() : null, true);
            requireChannel(c, guildId, "rules_channel_id",
                    patch.has("rules_channel_id") ? st.rulesChannelId() : null, false);
            requireChannel(c, guildId, "public_updates_channel_id",
                    patch.has("public_updates_channel_id") ? st.publicUpdatesChannelId() : null, false);
            boolean community = st.features().contains(GuildSettingsPatch.COMMUNITY);
            if (community != was.features().contains(GuildSettingsPatch.COMMUNITY)) {
                actor.require(Permissions.ADMINISTRATOR);
            }
            if (community && (st.rulesChannelId() == null || st.publicUpdatesChannelId() == null)) {
                InvalidFormBody.Builder missing = InvalidFormBody.builder();
                if (st.rulesChannelId() == null) {
                    missing.add("rules_channel_id", "BASE_TYPE_REQUIRED", "A Community guild needs a rules channel.");
                }
                if (st.publicUpdatesChannelId() == null) {
                    missing.add("public_updates_channel_id", "BASE_TYPE_REQUIRED",
                            "A Community guild needs a public updates channel.");
                }
                throw missing.build();
            }
            Guild g = new Guild(guildId, newName == null ? old.name() : newName, old.ownerId(),
                    hasSystemChannel ? newSystemChannel : old.systemChannelId(), old.createdAt(), st);
            AuditChanges changes = new AuditChanges().change("name", old.name(), g.name())
                    .change("system_channel_id", id(old.systemChannelId()), id(g.systemChannelId()))
                    .change("description", was.description(), st.description())
                    .change("verification_level", was.verificationLevel(), st.verificationLevel())
                    .change("default_message_notifications", was.defaultMessageNotifications(),
                            st.defaultMessageNotifications())
                    .change("explicit_content_filter", was.explicitContentFilter(), st.explicitContentFilter())
                    .change("afk_channel_id", id(was.afkChannelId()), id(st.afkChannelId()))
                    .change("afk_timeout", was.afkTimeout(), st.afkTimeout())
                    .change("system_channel_flags", was.systemChannelFlags(), st.systemChannelFlags())
                    .change("rules_channel_id", id(was.rulesChannelId()), id(st.rulesChannelId()))
                    .change("public_updates_channel_id", id(was.publicUpdatesChannelId()),
                            id(st.publicUpdatesChannelId()))
                    .change("preferred_locale", was.preferredLocale(), st.preferredLocale())
                    .change("features", features(was), features(st));
            ObjectNode view = GuildViews.guild(g, GuildStore.roles(c, guildId));
            if (changes.isEmpty()) {
                return new Modified(view, false);
            }
            GuildStore.updateGuild(c, g);
            List<String> changed = new ArrayList<>();
            changes.json().forEach(ch -> changed.add(ch.get("key").asText()));
            recorder.audit(c, guildId, caller.userId(), AuditLogEvent.GUILD_UPDATE, guildId, changes, null, reason);
            recorder.event(c, guildId, now, new GuildUpdated(Json.id(caller.userId()), changed, g.name(),
                    now.toEpochMilli()));
            return new Modified(view, true);
        });
        if (m.changed()) {
            recorder.committed();
            bus.publish(guildId, Dispatch.guildWide("GUILD_UPDATE", m.view(), Intents.GUILDS));
        }
        return m.view();
    }

    /** A channel a guild setting names: of this guild, voice for the AFK channel, else text (null = none). */
    private static void requireChannel(Connection c, long guildId, String field, Long channelId, boolean voice)
            throws SQLException {
        if (channelId == null) {
            return;
        }
        Channel ch = ChannelStore.find(c, channelId);
        if (ch == null || ch.guildId() != guildId || (voice ? !ch.isVoice() : ch.type() != Channel.GUILD_TEXT)) {
            throw InvalidFormBody.of(field, "CHANNEL_INVALID", "Invalid channel");
        }
    }

    private static String id(Long id) {
        return id == null ? null : Json.id(id);
    }

    private static ArrayNode features(GuildSettings s) {
        ArrayNode a = Json.array();
        s.features().forEach(a::add);
        return a;
    }

    /** {@code DELETE /guilds/{id}}: owner only (50013 for others); every session in it gets GUILD_DELETE. */
    public void delete(Principal caller, long guildId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        db.inTransaction(c -> {
            Guild g = GuildService.requireMember(c, guildId, caller.userId());
            if (g.ownerId() != caller.userId()) {
                throw new MissingPermissions();
            }
            recorder.event(c, guildId, now, new GuildDeleted(Json.id(caller.userId()), now.toEpochMilli()));
            GuildStore.deleteGuild(c, guildId);
            return null;
        });
        recorder.committed();
        listener.guildDeleted(guildId);
    }
}
