package dev.guildhall.core.guilds;

import com.fasterxml.jackson.databind.JsonNode;
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

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Changing a guild's settings ({@code PATCH}, MANAGE_GUILD: {@code name} and {@code system_channel_id}; the other
 * documented settings are accepted and ignored) and deleting it (owner only).
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
        errors.throwIfAny();
        String newName = name;
        Long newSystemChannel = systemChannel;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        record Modified(ObjectNode view, boolean changed) {
        }
        Modified m = db.inTransaction(c -> {
            GuildActor.of(c, permissions, guildId, caller.userId()).require(Permissions.MANAGE_GUILD);
            Guild old = GuildStore.findForUpdate(c, guildId);
            if (newSystemChannel != null) {
                Channel ch = ChannelStore.find(c, newSystemChannel);
                if (ch == null || ch.guildId() != guildId || ch.type() != Channel.GUILD_TEXT) {
                    throw InvalidFormBody.of("system_channel_id", "CHANNEL_INVALID", "Invalid channel");
                }
            }
            Guild g = new Guild(guildId, newName == null ? old.name() : newName, old.ownerId(),
                    hasSystemChannel ? newSystemChannel : old.systemChannelId(), old.createdAt());
            AuditChanges changes = new AuditChanges().change("name", old.name(), g.name())
                    .change("system_channel_id", old.systemChannelId() == null ? null : Json.id(old.systemChannelId()),
                            g.systemChannelId() == null ? null : Json.id(g.systemChannelId()));
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
