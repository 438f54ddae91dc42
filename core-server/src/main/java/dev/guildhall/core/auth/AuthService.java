package dev.guildhall.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.db.DatabaseException;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.errors.Unauthorized;
import dev.guildhall.core.json.Validation;
import dev.guildhall.events.Snowflakes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/** Accounts and tokens: register, login, and resolving tokens to a {@link Principal}. */
public final class AuthService {
    private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);
    private static final String PRINCIPAL_SQL = """
            SELECT u.id, u.username, u.global_name, u.bot, t.kind, a.id AS app_id, a.flags AS app_flags
              FROM auth_tokens t
              JOIN users u ON u.id = t.user_id
              LEFT JOIN applications a ON a.bot_user_id = u.id
             WHERE t.token_hash = ?""";

    private final Database db;
    private final Snowflakes ids;
    private final PasswordHasher passwords;
    private final List<RevocationListener> revocationListeners = new CopyOnWriteArrayList<>();

    /** Told after tokens were revoked (committed), e.g. so the gateway closes their sessions. */
    @FunctionalInterface
    public interface RevocationListener {
        /** @param tokenHash the revoked token's hash, or null when every token of the user was revoked */
        void revoked(long userId, byte[] tokenHash);
    }

    public void addRevocationListener(RevocationListener listener) {
        revocationListeners.add(listener);
    }

    public AuthService(Database db, Snowflakes ids, PasswordHasher passwords) {
        this.db = db;
        this.ids = ids;
        this.passwords = passwords;
    }

    /** An issued credential. */
    public record Credentials(long userId, String token) {
    }

    public Credentials register(JsonNode body) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        String username = Validation.requiredString(body, "username", errors);
        String password = Validation.requiredString(body, "password", errors);
        if (username != null) {
            username = username.strip();
            int len = username.codePointCount(0, username.length());
            if (len < 2 || len > 32) {
                errors.add("username", "BASE_TYPE_BAD_LENGTH", "Must be between 2 and 32 in length.");
            } else if (username.chars().anyMatch(ch -> Character.isISOControl(ch) || ch == '@' || ch == '#'
                    || ch == ':')) {
                errors.add("username", "USERNAME_INVALID_CHARACTERS",
                        "Username cannot contain control characters, '@', '#' or ':'.");
            }
        }
        if (password != null) {
            int bytes = password.getBytes(StandardCharsets.UTF_8).length;
            if (password.length() < 8 || bytes > PasswordHasher.MAX_PASSWORD_BYTES) {
                errors.add("password", "BASE_TYPE_BAD_LENGTH", "Must be between 8 and 72 in length.");
            }
        }
        errors.throwIfAny();
        String name = username;
        String hash = passwords.hash(password);
        long userId = ids.next();
        String token = Tokens.newToken(userId);
        try {
            db.inTransaction(c -> {
                insertUser(c, userId, name, name.toLowerCase(Locale.ROOT), hash, false);
                insertToken(c, token, userId, TokenKind.USER);
                return null;
            });
        } catch (DatabaseException e) {
            if (e.isUniqueViolation()) {
                throw InvalidFormBody.of("username", "USERNAME_ALREADY_TAKEN",
                        "Username is unavailable. Try adding numbers, letters, underscores _ , or periods.");
            }
            throw e;
        }
        LOG.info("event=user_registered user_id={}", userId);
        return new Credentials(userId, token);
    }

    public Credentials login(JsonNode body) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        String username = Validation.requiredString(body, "username", errors);
        String password = Validation.requiredString(body, "password", errors);
        errors.throwIfAny();
        String key = username.strip().toLowerCase(Locale.ROOT);
        record Account(long id, String hash) {
        }
        Account account = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, password_hash FROM users WHERE username_key = ? AND NOT bot")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new Account(rs.getLong(1), rs.getString(2)) : null;
                }
            }
        });
        // verify against a dummy hash when the user is unknown, so timing does not reveal which usernames exist
        boolean ok = passwords.verify(password, account == null ? null : account.hash());
        if (account == null || !ok) {
            throw new Unauthorized();
        }
        String token = Tokens.newToken(account.id());
        db.inTransaction(c -> {
            insertToken(c, token, account.id(), TokenKind.USER);
            return null;
        });
        return new Credentials(account.id(), token);
    }

    /** The token an {@code Authorization} header presents (without {@code Bot }), or null. */
    private static String presentedToken(String header) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        return value.regionMatches(true, 0, "Bot ", 0, 4) ? value.substring(4).strip() : value;
    }

    /** The hash of the token an {@code Authorization} header or IDENTIFY presents (what revocation matches). */
    public static byte[] presentedTokenHash(String headerOrToken) {
        String token = presentedToken(headerOrToken);
        return token == null ? null : Tokens.hash(token);
    }

    /** {@code POST /auth/logout}: revokes the token the caller authenticated with. */
    public void logout(Principal caller, String authorizationHeader) {
        byte[] hash = presentedTokenHash(authorizationHeader);
        if (hash == null) {
            throw new Unauthorized();
        }
        int deleted = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM auth_tokens WHERE token_hash = ? AND user_id = ?")) {
                ps.setBytes(1, hash);
                ps.setLong(2, caller.userId());
                return ps.executeUpdate();
            }
        });
        LOG.info("event=token_revoked user_id={} revoked={}", caller.userId(), deleted);
        revocationListeners.forEach(l -> l.revoked(caller.userId(), hash));
    }

    /** Revokes every token of a user (all sessions end); returns how many there were. */
    public int revokeAll(long userId) {
        int deleted = db.inTransaction(c -> deleteTokens(c, userId));
        LOG.info("event=tokens_revoked user_id={} revoked={}", userId, deleted);
        revocationListeners.forEach(l -> l.revoked(userId, null));
        return deleted;
    }

    /** Replaces every token of a bot user with one new token (returned); the old ones stop working. */
    public String resetBotToken(long botUserId) {
        String token = Tokens.newToken(botUserId);
        db.inTransaction(c -> {
            deleteTokens(c, botUserId);
            insertToken(c, token, botUserId, TokenKind.BOT);
            return null;
        });
        LOG.info("event=bot_token_reset bot_id={}", botUserId);
        revocationListeners.forEach(l -> l.revoked(botUserId, null));
        return token;
    }

    private static int deleteTokens(Connection c, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM auth_tokens WHERE user_id = ?")) {
            ps.setLong(1, userId);
            return ps.executeUpdate();
        }
    }

    /**
     * Resolves an {@code Authorization} header value: {@code Bot <token>} for bots, the bare token for users.
     * Returns null for anything unknown.
     */
    public Principal authenticate(String header) {
        String value = header.strip();
        if (value.regionMatches(true, 0, "Bot ", 0, 4)) {
            return lookup(value.substring(4).strip(), TokenKind.BOT);
        }
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null; // OAuth2 bearer tokens are not issued by this server
        }
        return lookup(value, TokenKind.USER);
    }

    /** Resolves a gateway IDENTIFY token (bots send it with or without the {@code Bot } prefix). */
    public Principal authenticateGateway(String token) {
        if (token == null) {
            return null;
        }
        String value = token.strip();
        if (value.regionMatches(true, 0, "Bot ", 0, 4)) {
            value = value.substring(4).strip();
        }
        return lookup(value, null);
    }

    private Principal lookup(String token, TokenKind expected) {
        if (token.isEmpty() || token.length() > 512) {
            return null;
        }
        byte[] hash = Tokens.hash(token);
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(PRINCIPAL_SQL)) {
                ps.setBytes(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    TokenKind kind = TokenKind.fromDb(rs.getString("kind"));
                    if (expected != null && kind != expected) {
                        return null;
                    }
                    User user = new User(rs.getLong("id"), rs.getString("username"), rs.getString("global_name"),
                            rs.getBoolean("bot"));
                    return new Principal(user, kind, rs.getLong("app_id"), rs.getInt("app_flags"));
                }
            }
        });
    }

    static void insertUser(Connection c, long id, String username, String key, String passwordHash, boolean bot)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO users (id, username, username_key, password_hash, bot) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setString(2, username);
            ps.setString(3, key);
            ps.setString(4, passwordHash);
            ps.setBoolean(5, bot);
            ps.executeUpdate();
        }
    }

    static void insertToken(Connection c, String token, long userId, TokenKind kind) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO auth_tokens (token_hash, user_id, kind) VALUES (?, ?, ?)")) {
            ps.setBytes(1, Tokens.hash(token));
            ps.setLong(2, userId);
            ps.setString(3, kind.dbName());
            ps.executeUpdate();
        }
    }

    /** Loads a user by id, or null. */
    public User findUser(long id) {
        return db.read(c -> findUser(c, id));
    }

    public static User findUser(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, username, global_name, bot FROM users WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new User(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)) : null;
            }
        }
    }
}
