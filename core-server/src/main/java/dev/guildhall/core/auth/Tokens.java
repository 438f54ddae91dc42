package dev.guildhall.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Token generation and hashing. A token looks like Discord's: {@code base64url(user id) "." base64url(32 random
 * bytes)}; the first part is not secret. Only {@link #hash(String) SHA-256 hashes} are stored.
 */
public final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Tokens() {
    }

    public static String newToken(long userId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return B64.encodeToString(Long.toUnsignedString(userId).getBytes(StandardCharsets.US_ASCII)) + "."
                + B64.encodeToString(secret);
    }

    /**
     * A webhook token shaped like Discord's: 68 base64url characters (51 random bytes). Clients parse webhook URLs
     * with exactly this shape (discord.js: {@code /webhooks/(\d{17,19})/([\w-]{68})}).
     */
    public static String newWebhookToken() {
        byte[] secret = new byte[51];
        RANDOM.nextBytes(secret);
        return B64.encodeToString(secret);
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }
}
