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

    @Test
    void dispatchTypesMapToTheirDocumentedIntentWhateverThePublisherSaid() {
        assertThat(Intents.required(Dispatch.guildWide("MESSAGE_CREATE", null, 0))).isEqualTo(Intents.GUILD_MESSAGES);
        assertThat(Intents.required(Dispatch.guildWide("TYPING_START", null, Intents.GUILDS)))
                .isEqualTo(Intents.GUILD_MESSAGE_TYPING);
        assertThat(Intents.required(Dispatch.guildWide("MESSAGE_REACTION_REMOVE_EMOJI", null, 0)))
                .isEqualTo(Intents.GUILD_MESSAGE_REACTIONS);
        assertThat(Intents.required(Dispatch.guildWide("GUILD_MEMBER_REMOVE", null, 0)))
                .isEqualTo(Intents.GUILD_MEMBERS);
        assertThat(Intents.required(Dispatch.guildWide("GUILD_BAN_ADD", null, 0))).isEqualTo(Intents.GUILD_MODERATION);
        assertThat(Intents.required(Dispatch.guildWide("PRESENCE_UPDATE", null, 0)))
                .isEqualTo(Intents.GUILD_PRESENCES);
        assertThat(Intents.required(Dispatch.guildWide("CHANNEL_PINS_UPDATE", null, 0))).isEqualTo(Intents.GUILDS);
        assertThat(Intents.required(Dispatch.guildWide("INVITE_CREATE", null, 0))).isEqualTo(Intents.GUILD_INVITES);
        assertThat(Intents.required(Dispatch.guildWide("VOICE_STATE_UPDATE", null, 0)))
                .isEqualTo(Intents.GUILD_VOICE_STATES);
        // listed under GUILDS and GUILD_MEMBERS: the publisher chooses between them, never something else
        assertThat(Intents.required(Dispatch.guildWide("THREAD_MEMBERS_UPDATE", null, Intents.GUILD_MEMBERS)))
                .isEqualTo(Intents.GUILD_MEMBERS);
        assertThat(Intents.required(Dispatch.guildWide("THREAD_MEMBERS_UPDATE", null, Intents.GUILDS)))
                .isEqualTo(Intents.GUILDS);
        assertThat(Intents.required(Dispatch.guildWide("THREAD_MEMBERS_UPDATE", null, 0))).isEqualTo(Intents.GUILDS);
        assertThat(Intents.required(Dispatch.guildWide("THREAD_MEMBERS_UPDATE", null, Intents.GUILD_MESSAGES)))
                .isEqualTo(Intents.GUILDS);
        // not in Discord's list: always sent unless the publisher names an intent
        assertThat(Intents.required(Dispatch.guildWide("GUILD_CREATE", null, 0))).isZero();
        assertThat(Intents.required(Dispatch.guildWide("INTERACTION_CREATE", null, 0))).isZero();
    }
}
