package dev.guildhall.core.auditlog;

import dev.guildhall.core.http.ApiRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The {@code X-Audit-Log-Reason} header: URL-decoded (discord.js percent-encodes it, JDA form-encodes it with
 * {@code +} for spaces), at most 512 characters (longer reasons are cut), blank = none.
 */
public final class AuditReason {
    public static final String HEADER = "X-Audit-Log-Reason";
    public static final int MAX_LENGTH = 512;

    private AuditReason() {
    }

    /** The request's reason, or null. */
    public static String of(ApiRequest req) {
        return parse(req.headers() == null ? null : req.headers().get(HEADER));
    }

    static String parse(String raw) {
        if (raw == null) {
            return null;
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            decoded = raw;
        }
        // %00 decodes to U+0000, which no PostgreSQL text column stores: a header is no form field to refuse, so
        // the character is dropped
        decoded = decoded.replace("\0", "").strip();
        if (decoded.isEmpty()) {
            return null;
        }
        if (decoded.codePointCount(0, decoded.length()) > MAX_LENGTH) {
            decoded = decoded.substring(0, decoded.offsetByCodePoints(0, MAX_LENGTH));
        }
        return decoded;
    }
}
