package dev.guildhall.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.errors.BotsCannotUse;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.errors.NotApplicationOwner;
import dev.guildhall.core.errors.UnknownApplication;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.json.Validation;
import dev.guildhall.events.Snowflakes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Locale;

/** Applications with bot users and bot tokens (our provisioning endpoints; Discord's are not public). */
public final class ApplicationService {
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationService.class);

    private final Database db;
    private final Snowflakes ids;

    public ApplicationService(Database db, Snowflakes ids) {
        this.db = db;
        this.ids = ids;
    }

    /** {@code POST /applications}: a new application, its bot user and the bot token (shown once). */
    public ObjectNode create(Principal caller, JsonNode body) {
        if (caller.isBot()) {
            throw new BotsCannotUse();
        }
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        String name = Validation.requiredString(body, "name", errors);
        if (name != null) {
            name = name.strip();
            Validation.length(name, "name", 2, 32, errors);
        }
        Integer flags = Validation.optionalInt(body, "flags", 0, Integer.MAX_VALUE, 0, errors);
        errors.throwIfAny();
        long appId = ids.next();
        long botId = ids.next();
        String token = Tokens.newToken(botId);
        String appName = name;
        int appFlags = flags;
        db.inTransaction(c -> {
            // bot usernames may repeat (Discord tells bots apart by id); the key keeps them out of the user namespace
            AuthService.insertUser(c, botId, appName, appName.toLowerCase(Locale.ROOT) + "#bot" + botId, null, true);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO applications (id, name, owner_id, bot_user_id, flags) VALUES (?, ?, ?, ?, ?)")) {
                ps.setLong(1, appId);
                ps.setString(2, appName);
                ps.setLong(3, caller.userId());
                ps.setLong(4, botId);
                ps.setInt(5, appFlags);
                ps.executeUpdate();
            }
            AuthService.insertToken(c, token, botId, TokenKind.BOT);
            return null;
        });
        LOG.info("event=application_created application_id={} bot_id={} owner_id={}", appId, botId, caller.userId());
        Application app = new Application(appId, appName, caller.userId(), botId, appFlags);
        ObjectNode json = view(app, caller.user(), new User(botId, appName, null, true));
        ((ObjectNode) json.get("bot")).put("token", token);
        return json;
    }

    /** {@code PATCH /applications/{id}}: the owner changes name and/or flags. */
    public ObjectNode update(Principal caller, long appId, JsonNode body) {
        Application app = find(appId);
        if (app == null) {
            throw new UnknownApplication();
        }
        if (app.ownerId() != caller.userId() && app.botUserId() != caller.userId()) {
            throw new NotApplicationOwner();
        }
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        String name = Validation.optionalString(body, "name", errors);
        if (name != null) {
            name = name.strip();
            Validation.length(name, "name", 2, 32, errors);
        }
        Integer flags = Validation.optionalInt(body, "flags", 0, Integer.MAX_VALUE, app.flags(), errors);
        errors.throwIfAny();
        String newName = name == null ? app.name() : name;
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE applications SET name = ?, flags = ? WHERE id = ?")) {
                ps.setString(1, newName);
                ps.setInt(2, flags);
                ps.setLong(3, appId);
                ps.executeUpdate();
            }
            return null;
        });
        return view(new Application(appId, newName, app.ownerId(), app.botUserId(), flags));
    }

    /** {@code GET /applications/@me} and {@code GET /oauth2/applications/@me} for a bot token. */
    public ObjectNode current(Principal caller) {
        Application app = caller.applicationId() == 0 ? null : find(caller.applicationId());
        if (app == null) {
            throw new UnknownApplication();
        }
        return view(app);
    }

    public Application find(long appId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, name, owner_id, bot_user_id, flags FROM applications WHERE id = ?")) {
                ps.setLong(1, appId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new Application(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                            rs.getInt(5)) : null;
                }
            }
        });
    }

    private ObjectNode view(Application app) {
        return db.read(c -> view(app, user(c, app.ownerId()), user(c, app.botUserId())));
    }

    private static User user(Connection c, long id) throws SQLException {
        return AuthService.findUser(c, id);
    }

    private static ObjectNode view(Application app, User owner, User bot) {
        ObjectNode o = Json.object();
        o.put("id", Json.id(app.id()));
        o.put("name", app.name());
        o.putNull("icon");
        o.put("description", "");
        o.put("summary", "");
        o.putNull("type");
        o.put("bot_public", true);
        o.put("bot_require_code_grant", false);
        o.put("verify_key", verifyKey(app.id()));
        o.put("flags", app.flags());
        o.set("owner", UserViews.user(owner));
        o.putNull("team");
        o.putArray("redirect_uris");
        o.putNull("interactions_endpoint_url");
        o.put("hook", true);
        ObjectNode botJson = o.putObject("bot");
        botJson.put("id", Json.id(bot.id()));
        botJson.put("username", bot.username());
        botJson.put("discriminator", "0");
        botJson.putNull("avatar");
        botJson.put("bot", true);
        return o;
    }

    private static String verifyKey(long appId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("guildhall-app-" + appId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
