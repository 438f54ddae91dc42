package dev.guildhall.core.voice;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

/**
 * Voice tokens that a voice server can check without asking core-server: core-server signs
 * {@code v1|guild|channel|user|voice server|expires|session} with HMAC-SHA256 under the fleet's shared secret and
 * sends the result as VOICE_SERVER_UPDATE's {@code token}; the voice server named in it accepts it at IDENTIFY until
 * it expires (docs/decisions.md, "voice server fleet"). The same secret signs core-server's disconnect requests to a
 * voice server's ops port.
 */
public final class VoiceTokens {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final int MAC_BYTES = 16;
    /** Minimum secret length: 128 bits of an ASCII secret at least. */
    public static final int MIN_SECRET_LENGTH = 16;

    private final SecretKeySpec key;
    private final Duration ttl;
    private final Clock clock;

    public VoiceTokens(String secret, Duration ttl, Clock clock) {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("voice.token.secret must have at least " + MIN_SECRET_LENGTH
                    + " characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.ttl = ttl;
        this.clock = clock;
    }

    public VoiceTokens(String secret) {
        this(secret, Duration.ofMinutes(5), Clock.systemUTC());
    }

    /** A token granting this user's voice connection to one channel on one voice server. */
    public String sign(long guildId, long channelId, long userId, String sessionId, String voiceServer) {
        String claims = String.join("|", "v1", Long.toUnsignedString(guildId), Long.toUnsignedString(channelId),
                Long.toUnsignedString(userId), voiceServer, Long.toString(clock.millis() + ttl.toMillis()), sessionId);
        byte[] body = claims.getBytes(StandardCharsets.UTF_8);
        return B64.encodeToString(body) + "." + B64.encodeToString(mac(body));
    }

    /** The grant a token carries if it is authentic, unexpired and meant for this voice server; else null. */
    VoiceGateway.Grant verify(String token, String voiceServer) {
        int dot = token.indexOf('.');
        if (dot <= 0 || token.length() > 512) {
            return null;
        }
        byte[] body;
        byte[] mac;
        try {
            body = B64D.decode(token.substring(0, dot));
            mac = B64D.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!MessageDigest.isEqual(mac, mac(body))) {
            return null;
        }
        String[] f = new String(body, StandardCharsets.UTF_8).split("\\|", 7);
        if (f.length != 7 || !"v1".equals(f[0]) || !f[4].equals(voiceServer)) {
            return null;
        }
        try {
            if (Long.parseLong(f[5]) < clock.millis()) {
                return null;
            }
            return new VoiceGateway.Grant(Long.parseUnsignedLong(f[1]), Long.parseUnsignedLong(f[2]),
                    Long.parseUnsignedLong(f[3]), f[6], token);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Signature of an ops request body (hex-free, base64url). */
    public String signRequest(String body) {
        return B64.encodeToString(mac(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether {@code signature} is {@link #signRequest} of {@code body}. */
    public boolean verifyRequest(String body, String signature) {
        if (signature == null) {
            return false;
        }
        return MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII),
                signRequest(body).getBytes(StandardCharsets.US_ASCII));
    }

    public long nowMillis() {
        return clock.millis();
    }

    private byte[] mac(byte[] body) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return Arrays.copyOf(m.doFinal(body), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
