package dev.guildhall.core.auth;

/** How a token is presented: {@code Authorization: <token>} (USER) or {@code Authorization: Bot <token>} (BOT). */
public enum TokenKind {
    USER("user"), BOT("bot");

    private final String dbName;

    TokenKind(String dbName) {
        this.dbName = dbName;
    }

    public String dbName() {
        return dbName;
    }

    public static TokenKind fromDb(String name) {
        return "bot".equals(name) ? BOT : USER;
    }
}
