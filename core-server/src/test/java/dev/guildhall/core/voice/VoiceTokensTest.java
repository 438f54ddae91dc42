package dev.guildhall.core.voice;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VoiceTokensTest {
    private static final String SECRET = "0123456789abcdef-secret";
    private final Clock clock = Clock.fixed(Instant.ofEpochMilli(1_000_000), ZoneOffset.UTC);
    private final VoiceTokens tokens = new VoiceTokens(SECRET, Duration.ofMinutes(5), clock);

    @Test
    void aSignedTokenCarriesItsGrantToTheNamedServerOnly() {
        String token = tokens.sign(-5L, 7L, 9L, "sess:ion|x", "voice-eu-1");
        VoiceGateway.Grant grant = tokens.verify(token, "voice-eu-1");
        assertThat(grant).isEqualTo(new VoiceGateway.Grant(-5L, 7L, 9L, "sess:ion|x", token));
        assertThat(tokens.verify(token, "voice-us-1")).isNull();
    }

    @Test
    void forgedTamperedExpiredAndForeignTokensAreRefused() {
        String token = tokens.sign(1L, 2L, 3L, "s", "n");
        char last = token.charAt(token.length() - 1);
        assertThat(tokens.verify(token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A'), "n")).isNull();
        assertThat(tokens.verify("garbage", "n")).isNull();
        assertThat(tokens.verify("a.b.c", "n")).isNull();
        assertThat(tokens.verify("!!!.???", "n")).isNull();
        assertThat(new VoiceTokens("another-secret-of-16", Duration.ofMinutes(5), clock).verify(token, "n")).isNull();
        Clock later = Clock.offset(clock, Duration.ofMinutes(5).plusMillis(1));
        assertThat(new VoiceTokens(SECRET, Duration.ofMinutes(5), later).verify(token, "n")).isNull();
    }

    @Test
    void requestSignaturesAndSecretLength() {
        String sig = tokens.signRequest("1:2:3");
        assertThat(tokens.verifyRequest("1:2:3", sig)).isTrue();
        assertThat(tokens.verifyRequest("1:2:4", sig)).isFalse();
        assertThat(tokens.verifyRequest("1:2:3", null)).isFalse();
        assertThatThrownBy(() -> new VoiceTokens("short")).hasMessageContaining("at least 16");
    }
}
