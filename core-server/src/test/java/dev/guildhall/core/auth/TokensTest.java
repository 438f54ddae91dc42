package dev.guildhall.core.auth;

import dev.guildhall.core.json.Json;
import dev.guildhall.core.permissions.Permissions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TokensTest {
    @Test
    void tokensAreUniqueCarryTheUserIdAndHashTo32Bytes() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(seen.add(Tokens.newToken(42))).isTrue();
        }
        String token = Tokens.newToken(1234567890123L);
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(2);
        assertThat(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.US_ASCII)).isEqualTo("1234567890123");
        assertThat(Base64.getUrlDecoder().decode(parts[1])).hasSize(32);
        assertThat(Tokens.hash(token)).hasSize(32).isEqualTo(Tokens.hash(token));
    }

    @Test
    void webhookTokensAre68Base64UrlCharactersAsOnDiscord() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = Tokens.newWebhookToken();
            assertThat(token).matches("[\\w-]{68}");
            assertThat(seen.add(token)).isTrue();
        }
    }

    @Test
    void passwordsVerifyOnlyWithTheRightSecret() {
        PasswordHasher hasher = new PasswordHasher(4);
        String hash = hasher.hash("correct horse");
        assertThat(hash).startsWith("$2a$04$");
        assertThat(hasher.verify("correct horse", hash)).isTrue();
        assertThat(hasher.verify("wrong horse", hash)).isFalse();
        assertThat(hasher.verify("correct horse", null)).isFalse();
    }

    @Test
    void timestampsAndPermissionsLookLikeDiscords() {
        assertThat(Json.timestamp(Instant.parse("2026-11-28T03:10:00.123456Z"))).isEqualTo("2026-11-28T03:10:00.123456+00:00");
        assertThat(Permissions.has(Permissions.DEFAULT_EVERYONE, Permissions.VIEW_CHANNEL | Permissions.SEND_MESSAGES)).isTrue();
        assertThat(Permissions.has(Permissions.DEFAULT_EVERYONE, Permissions.ADMINISTRATOR)).isFalse();
        assertThat(Permissions.has(Permissions.ADMINISTRATOR, 1L << 13)).isTrue();
    }
}
