package dev.guildhall.core.interactions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auth.Application;
import dev.guildhall.core.auth.ApplicationService;
import dev.guildhall.core.auth.Principal;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.errors.MaxCommandsReached;
import dev.guildhall.core.errors.MissingAccess;
import dev.guildhall.core.errors.NotApplicationOwner;
import dev.guildhall.core.errors.UnknownApplication;
import dev.guildhall.core.errors.UnknownCommand;
import dev.guildhall.core.errors.UnknownGuild;
import dev.guildhall.core.guilds.GuildStore;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.outbox.OutboxWriter;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.payload.CommandChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Application commands, global ({@code guildId} 0) and per guild. Only the application's bot or its owner manages
 * them; for guild commands the guild must exist and the bot be its member. Every change writes a
 * {@code command.changed} event in its transaction.
 */
public final class CommandService {
    private static final Logger LOG = LoggerFactory.getLogger(CommandService.class);

    /** Discord's limits per application and scope: 100 CHAT_INPUT, 15 USER, 15 MESSAGE commands. */
    static int limitFor(int type) {
        return type == CommandValidation.CHAT_INPUT ? 100 : 15;
    }

    private final Database db;
    private final Snowflakes ids;
    private final ApplicationService apps;
    private final OutboxWriter outbox;
    private final String source;

    public CommandService(Database db, Snowflakes ids, ApplicationService apps, OutboxWriter outbox, String source) {
        this.db = db;
        this.ids = ids;
        this.apps = apps;
        this.outbox = outbox;
        this.source = source;
    }

    /** The application, if the caller is its bot or its owner: 10002 unknown, 20012 someone else. */
    private Application authorize(Principal caller, long applicationId) {
        Application app = apps.find(applicationId);
        if (app == null) {
            throw new UnknownApplication();
        }
        boolean allowed = caller.isBot() ? caller.applicationId() == applicationId
                : app.ownerId() == caller.userId();
        if (!allowed) {
            throw new NotApplicationOwner();
        }
        return app;
    }

    /** For guild commands: 10004 unknown guild, 50001 when the application's bot is not in it. */
    private static void requireGuild(Connection c, Application app, long guildId) throws SQLException {
        if (guildId == 0) {
            return;
        }
        if (GuildStore.find(c, guildId) == null) {
            throw new UnknownGuild();
        }
        if (!GuildStore.isMember(c, guildId, app.botUserId())) {
            throw new MissingAccess();
        }
    }

    public ArrayNode list(Principal caller, long applicationId, long guildId) {
        Application app = authorize(caller, applicationId);
        List<Command> commands = db.read(c -> {
            requireGuild(c, app, guildId);
            return CommandStore.list(c, applicationId, guildId);
        });
        ArrayNode out = Json.array();
        commands.forEach(cmd -> out.add(cmd.view()));
        return out;
    }

    public ObjectNode get(Principal caller, long applicationId, long guildId, long commandId) {
        Application app = authorize(caller, applicationId);
        Command cmd = db.read(c -> {
            requireGuild(c, app, guildId);
            return CommandStore.find(c, applicationId, guildId, commandId);
        });
        if (cmd == null) {
            throw new UnknownCommand();
        }
        return cmd.view();
    }

    /** The answer of a create: the command and whether it is new (201) or replaced one of the same name (200). */
    public record Created(ObjectNode command, boolean isNew) {
    }

    /** POST: creates, or overwrites the command of the same type and name (Discord's upsert). */
    public Created create(Principal caller, long applicationId, long guildId, JsonNode body) {
        Application app = authorize(caller, applicationId);
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        CommandValidation.CommandSpec spec = CommandValidation.validate(body, "", errors);
        errors.throwIfAny();
        long now = System.currentTimeMillis();
        Created created = db.inTransaction(c -> {
            requireGuild(c, app, guildId);
            Command existing = CommandStore.findByName(c, applicationId, guildId, spec.type(), spec.name());
            long version = ids.next();
            if (existing != null) {
                Command updated = new Command(existing.id(), applicationId, guildId, spec.type(), spec.name(),
                        spec.body(), version);
                CommandStore.update(c, updated);
                event(c, updated, "updated", caller, now);
                return new Created(updated.view(), false);
            }
            if (CommandStore.count(c, applicationId, guildId, spec.type()) >= limitFor(spec.type())) {
                throw new MaxCommandsReached();
            }
            Command cmd = new Command(version, applicationId, guildId, spec.type(), spec.name(), spec.body(), version);
            CommandStore.insert(c, cmd);
            event(c, cmd, "created", caller, now);
            return new Created(cmd.view(), true);
        });
        outbox.committed();
        LOG.debug("event=command_saved application_id={} guild_id={} name={} new={}", applicationId, guildId,
                spec.name(), created.isNew());
        return created;
    }

    /** PATCH: the given fields replace the stored ones; a new version. */
    public ObjectNode edit(Principal caller, long applicationId, long guildId, long commandId, JsonNode body) {
        Application app = authorize(caller, applicationId);
        long now = System.currentTimeMillis();
        ObjectNode out = db.inTransaction(c -> {
            requireGuild(c, app, guildId);
            Command existing = CommandStore.find(c, applicationId, guildId, commandId);
            if (existing == null) {
                throw new UnknownCommand();
            }
            InvalidFormBody.Builder errors = InvalidFormBody.builder();
            CommandValidation.CommandSpec spec = CommandValidation.merge(existing.body(), body, errors);
            errors.throwIfAny();
            Command other = CommandStore.findByName(c, applicationId, guildId, spec.type(), spec.name());
            if (other != null && other.id() != commandId) {
                throw InvalidFormBody.of("name", "APPLICATION_COMMAND_ALREADY_EXISTS",
                        "Application command with that name already exists");
            }
            Command updated = new Command(commandId, applicationId, guildId, spec.type(), spec.name(), spec.body(),
                    ids.next());
            CommandStore.update(c, updated);
            event(c, updated, "updated", caller, now);
            return updated.view();
        });
        outbox.committed();
        return out;
    }

    public void delete(Principal caller, long applicationId, long guildId, long commandId) {
        Application app = authorize(caller, applicationId);
        long now = System.currentTimeMillis();
        db.inTransaction(c -> {
            requireGuild(c, app, guildId);
            Command existing = CommandStore.find(c, applicationId, guildId, commandId);
            if (existing == null || !CommandStore.delete(c, commandId)) {
                throw new UnknownCommand();
            }
            event(c, existing, "deleted", caller, now);
            return null;
        });
        outbox.committed();
    }

    /**
     * PUT: the list becomes the application's commands in the scope. Items match existing commands by {@code id}
     * or by type and name (keeping their ids); commands not listed are deleted.
     */
    public ArrayNode overwrite(Principal caller, long applicationId, long guildId, JsonNode body) {
        Application app = authorize(caller, applicationId);
        if (!body.isArray()) {
            throw InvalidFormBody.of("", "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
        }
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        List<CommandValidation.CommandSpec> specs = new ArrayList<>();
        List<Long> wantedIds = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Map<Integer, Integer> perType = new HashMap<>();
        for (int i = 0; i < body.size(); i++) {
            JsonNode item = body.get(i);
            if (!item.isObject()) {
                errors.add(Integer.toString(i), "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType");
                continue;
            }
            CommandValidation.CommandSpec spec = CommandValidation.validate(item, i + ".", errors);
            if (spec.name() != null && !names.add(spec.type() + "|" + spec.name())) {
                errors.add(i + ".name", "APPLICATION_COMMANDS_DUPLICATE_NAME",
                        "Application command names must be unique");
            }
            specs.add(spec);
            JsonNode id = item.get("id");
            wantedIds.add(id != null && id.isValueNode() && id.asText().matches("\\d{1,20}")
                    ? Long.parseUnsignedLong(id.asText()) : 0L);
            perType.merge(spec.type(), 1, Integer::sum);
        }
        errors.throwIfAny();
        for (Map.Entry<Integer, Integer> e : perType.entrySet()) {
            if (e.getValue() > limitFor(e.getKey())) {
                throw new MaxCommandsReached();
            }
        }
        long now = System.currentTimeMillis();
        ArrayNode out = db.inTransaction(c -> {
            requireGuild(c, app, guildId);
            List<Command> existing = CommandStore.list(c, applicationId, guildId);
            Map<Long, Command> byId = new HashMap<>();
            Map<String, Command> byName = new HashMap<>();
            for (Command cmd : existing) {
                byId.put(cmd.id(), cmd);
                byName.put(cmd.type() + "|" + cmd.name(), cmd);
            }
            Set<Long> kept = new HashSet<>();
            for (int i = 0; i < specs.size(); i++) {
                CommandValidation.CommandSpec spec = specs.get(i);
                Command match = byId.get(wantedIds.get(i));
                if (match == null || match.type() != spec.type()) {
                    match = byName.get(spec.type() + "|" + spec.name());
                }
                if (match != null) {
                    kept.add(match.id());
                }
            }
            // delete the dropped ones first so renamed commands can take a freed name
            for (Command cmd : existing) {
                if (!kept.contains(cmd.id())) {
                    CommandStore.delete(c, cmd.id());
                    event(c, cmd, "deleted", caller, now);
                }
            }
            Set<Long> used = new HashSet<>();
            ArrayNode result = Json.array();
            for (int i = 0; i < specs.size(); i++) {
                CommandValidation.CommandSpec spec = specs.get(i);
                Command match = byId.get(wantedIds.get(i));
                if (match == null || match.type() != spec.type()) {
                    match = byName.get(spec.type() + "|" + spec.name());
                }
                if (match != null && used.add(match.id())) {
                    if (match.body().equals(spec.body()) && match.name().equals(spec.name())) {
                        result.add(match.view());
                        continue;
                    }
                    Command updated = new Command(match.id(), applicationId, guildId, spec.type(), spec.name(),
                            spec.body(), ids.next());
                    CommandStore.update(c, updated);
                    event(c, updated, "updated", caller, now);
                    result.add(updated.view());
                } else {
                    long id = ids.next();
                    Command cmd = new Command(id, applicationId, guildId, spec.type(), spec.name(), spec.body(), id);
                    CommandStore.insert(c, cmd);
                    event(c, cmd, "created", caller, now);
                    result.add(cmd.view());
                }
            }
            return result;
        });
        outbox.committed();
        LOG.debug("event=commands_overwritten application_id={} guild_id={} count={}", applicationId, guildId,
                out.size());
        return out;
    }

    private void event(Connection c, Command cmd, String action, Principal caller, long now) throws SQLException {
        String guild = cmd.guildId() == 0 ? null : Json.id(cmd.guildId());
        outbox.append(c, EventCodec.wrap(ids, source, guild == null ? "0" : guild, now,
                new CommandChanged(Json.id(cmd.id()), Json.id(cmd.applicationId()), guild, cmd.name(), cmd.type(),
                        action, Json.id(caller.userId()), now)));
    }
}
