package dev.guildhall.core.gateway;

import dev.guildhall.core.auth.Application;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IntentsTest {
    @Test
    void validIntentsAreTheDefinedBits() {
        assertThat(Intents.isValid(0)).isTrue();
        assertThat(Intents.isValid((1 << 9) | (1 << 15) | 1)).isTrue();
        assertThat(Intents.isValid(1L << 26)).isFalse();
        assertThat(Intents.isValid(-1)).isFalse();
    }

    @Test
    void privilegedIntentsNeedTheApplicationFlag() {
        int wanted = Intents.GUILD_MESSAGES | Intents.MESSAGE_CONTENT;
        assertThat(Intents.disallowed(wanted, 0)).isEqualTo(Intents.MESSAGE_CONTENT);
        assertThat(Intents.disallowed(wanted, Application.GATEWAY_MESSAGE_CONTENT)).isZero();
        assertThat(Intents.disallowed(wanted, Application.GATEWAY_MESSAGE_CONTENT_LIMITED)).isZero();
        assertThat(Intents.disallowed(Intents.GUILD_MEMBERS, Application.GATEWAY_MESSAGE_CONTENT))
                .isEqualTo(Intents.GUILD_MEMBERS);
        assertThat(Intents.disallowed(Intents.GUILD_MESSAGES, 0)).isZero();
    }
}
