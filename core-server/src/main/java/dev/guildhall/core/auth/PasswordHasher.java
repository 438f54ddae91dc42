package dev.guildhall.core.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;

import java.nio.charset.StandardCharsets;

/** BCrypt password hashing (cost from configuration). */
public final class PasswordHasher {
    /** BCrypt only looks at the first 72 bytes; longer passwords are refused at registration. */
    public static final int MAX_PASSWORD_BYTES = 72;
    private static final String DUMMY = BCrypt.withDefaults().hashToString(4, "guildhall-dummy".toCharArray());

    private final int cost;

    public PasswordHasher(int cost) {
        this.cost = cost;
    }

    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    public boolean verify(String password, String hash) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return false;
        }
        return BCrypt.verifyer().verify(password.toCharArray(), hash == null ? DUMMY : hash).verified && hash != null;
    }
}
