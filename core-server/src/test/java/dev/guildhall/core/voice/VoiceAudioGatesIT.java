package dev.guildhall.core.voice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.gateway.Intents;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.GatewayClient;
import dev.guildhall.core.support.GuildFixture;
import dev.guildhall.core.support.KafkaEvents;
import dev.guildhall.core.support.TestServer;
import dev.guildhall.core.support.VoiceJoins;
import dev.guildhall.events.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who hears whom, over real sockets (main gateway, voice gateway over TLS, encrypted UDP through the relay):
 * a deafened member (server {@code deaf} by a moderator, or {@code self_deaf}) receives no audio while the others
 * receive all of it, and hears again once undeafened; {@code suppress} (no SPEAK) follows permission changes made
 * while members are in voice — channel overwrites, role permissions and member roles — with VOICE_STATE_UPDATE and
 * the speaker silenced (or heard again) before the changing request has answered.
 */
class VoiceAudioGatesIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int INTENTS = Intents.GUILDS | Intents.GUILD_VOICE_STATES;
    private static final int FRAMES = 30;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        KafkaEvents.createTopics(Topics.VOICE_SESSIONS, Topics.VOICE_QUALITY, Topics.MODERATION, Topics.GUILDS);
        server = TestServer.start("voice_audio_gates");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A member in the voice channel: main gateway session and an encrypted voice connection. */
    private static final class InVoice implements AutoCloseable {
        final Account account;
        final GatewayClient gateway;
        final DiscordVoiceClient voice;

        InVoice(GuildFixture g, Account account, String channel) throws Exception {
            this.account = account;
            this.gateway = g.gateway(account, INTENTS);
            JsonNode update = VoiceJoins.join(gateway, g.guildId, channel);
            voice = new DiscordVoiceClient(update.path("endpoint").asText(),
                    server.server().voiceGateway().certificate());
            assertThat(voice.identify(g.guildId, account.userId(), gateway.sessionIdFromReady(),
                    update.path("token").asText())).as("READY").isNotNull();
            InetSocketAddress self = voice.discover();
            assertThat(voice.selectProtocol(self, "aead_aes256_gcm_rtpsize")).as("SESSION_DESCRIPTION").isNotNull();
            voice.receiveTimeout(Duration.ofMillis(300));
        }

        @Override
        public void close() {
            voice.close();
            gateway.close();
        }
    }

    /** The sender sends {@link #FRAMES} frames; per receiver, how many of them it decrypted. */
    private static int[] talk(InVoice sender, InVoice... receivers) throws Exception {
        for (int i = 0; i < FRAMES; i++) {
            sender.voice.sendOpus(new byte[]{(byte) 0xFC, (byte) i, 0x44});
            sender.voice.nextFrame();
        }
        int[] heard = new int[receivers.length];
        for (int r = 0; r < receivers.length; r++) {
            DiscordVoiceClient.Received p;
            while ((p = receivers[r].voice.receive()) != null) {
                if (p.ssrc() == sender.voice.ssrc) {
                    heard[r]++;
                }
            }
        }
        return heard;
    }

    /** The next VOICE_STATE_UPDATE of the user that matches, skipping others. */
    private static JsonNode stateOf(GatewayClient gw, String userId, Predicate<JsonNode> matching)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode p = gw.nextDispatch("VOICE_STATE_UPDATE",
                    Duration.ofMillis(Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            if (p != null && p.path("d").path("user_id").asText().equals(userId) && matching.test(p.get("d"))) {
                return p.get("d");
            }
        }
        throw new AssertionError("no matching VOICE_STATE_UPDATE of " + userId);
    }

    private static void selfDeaf(InVoice m, String guildId, String channel, boolean deaf) {
        Map<String, Object> d = new HashMap<>();
        d.put("guild_id", guildId);
        d.put("channel_id", channel);
        d.put("self_mute", false);
        d.put("self_deaf", deaf);
        m.gateway.sendRaw(ApiClient.json(Map.of("op", 4, "d", d)));
    }

    @Test
    void deafenedMembersReceiveNoAudioUntilUndeafened() throws Exception {
        GuildFixture g = new GuildFixture(server, "deaf_owner", "Deaf Guild");
        String channel = g.api.voiceChannel(g.owner, g.guildId);
        try (InVoice speaker = new InVoice(g, g.member("deaf_speaker"), channel);
             InVoice deafened = new InVoice(g, g.member("deaf_target"), channel);
             InVoice other = new InVoice(g, g.member("deaf_other"), channel)) {
            assertThat(talk(speaker, deafened, other)).containsExactly(FRAMES, FRAMES);

            String member = g.guildPath() + "/members/" + deafened.account.userId();
            Response deaf = g.api.call("PATCH", member, g.owner.auth(), "{\"deaf\":true}");
            assertThat(deaf.status()).as(deaf.raw()).isEqualTo(200);
            assertThat(talk(speaker, deafened, other)).as("server-deafened gets nothing, the other everything")
                    .containsExactly(0, FRAMES);
            assertThat(talk(other, deafened, speaker)).containsExactly(0, FRAMES);
            assertThat(g.api.call("PATCH", member, g.owner.auth(), "{\"deaf\":false}").status()).isEqualTo(200);
            assertThat(talk(speaker, deafened, other)).as("undeafened").containsExactly(FRAMES, FRAMES);

            // self_deaf (op 4 in the same channel): in effect once its VOICE_STATE_UPDATE is out
            selfDeaf(deafened, g.guildId, channel, true);
            stateOf(other.gateway, deafened.account.userId(), d -> d.path("self_deaf").asBoolean());
            assertThat(talk(speaker, deafened, other)).as("self-deafened").containsExactly(0, FRAMES);
            selfDeaf(deafened, g.guildId, channel, false);
            stateOf(other.gateway, deafened.account.userId(), d -> !d.path("self_deaf").asBoolean());
            assertThat(talk(speaker, deafened, other)).as("self-undeafened").containsExactly(FRAMES, FRAMES);
            // a deafened member may still speak
            selfDeaf(deafened, g.guildId, channel, true);
            stateOf(other.gateway, deafened.account.userId(), d -> d.path("self_deaf").asBoolean());
            assertThat(talk(deafened, speaker, other)).containsExactly(FRAMES, FRAMES);
        }
    }

    @Test
    void suppressFollowsOverwritesRolePermissionsAndMemberRoles() throws Exception {
        GuildFixture g = new GuildFixture(server, "supp_owner", "Suppress Guild");
        String channel = g.api.voiceChannel(g.owner, g.guildId);
        String overwrite = "/api/v10/channels/" + channel + "/permissions/" + g.guildId;
        try (InVoice speaker = new InVoice(g, g.member("supp_speaker"), channel);
             InVoice listener = new InVoice(g, g.member("supp_listener"), channel)) {
            String id = speaker.account.userId();
            assertThat(talk(speaker, listener)).containsExactly(FRAMES);

            // channel overwrite: @everyone denied SPEAK, then the overwrite deleted
            Response deny = g.api.call("PUT", overwrite, g.owner.auth(),
                    "{\"type\":0,\"allow\":\"0\",\"deny\":\"" + Permissions.SPEAK + "\"}");
            assertThat(deny.status()).as(deny.raw()).isEqualTo(204);
            assertThat(talk(speaker, listener)).as("no SPEAK by overwrite: silenced").containsExactly(0);
            assertThat(stateOf(listener.gateway, id, d -> d.path("suppress").asBoolean()).path("mute").asBoolean())
                    .isFalse();
            assertThat(g.api.call("DELETE", overwrite, g.owner.auth(), null).status()).isEqualTo(204);
            assertThat(talk(speaker, listener)).as("overwrite gone: heard").containsExactly(FRAMES);
            stateOf(listener.gateway, id, d -> !d.path("suppress").asBoolean());

            // role permissions: @everyone loses SPEAK, then gets it back
            String everyone = g.guildPath() + "/roles/" + g.guildId;
            long without = Permissions.DEFAULT_EVERYONE & ~Permissions.SPEAK;
            assertThat(g.api.call("PATCH", everyone, g.owner.auth(), "{\"permissions\":\"" + without + "\"}").status())
                    .isEqualTo(200);
            assertThat(talk(speaker, listener)).as("@everyone without SPEAK").containsExactly(0);
            stateOf(listener.gateway, id, d -> d.path("suppress").asBoolean());

            // member roles: a role granting SPEAK given to the speaker, then taken away
            String speakers = g.role("speakers", Permissions.SPEAK);
            g.grant(speaker.account, speakers);
            assertThat(talk(speaker, listener)).as("role with SPEAK given").containsExactly(FRAMES);
            stateOf(listener.gateway, id, d -> !d.path("suppress").asBoolean());
            assertThat(g.api.call("DELETE", g.guildPath() + "/members/" + id + "/roles/" + speakers, g.owner.auth(),
                    null).status()).isEqualTo(204);
            assertThat(talk(speaker, listener)).as("role taken away").containsExactly(0);
            stateOf(listener.gateway, id, d -> d.path("suppress").asBoolean());

            assertThat(g.api.call("PATCH", everyone, g.owner.auth(), "{\"permissions\":\""
                    + Permissions.DEFAULT_EVERYONE + "\"}").status()).isEqualTo(200);
            assertThat(talk(speaker, listener)).as("SPEAK restored").containsExactly(FRAMES);
            JsonNode state = stateOf(listener.gateway, id, d -> !d.path("suppress").asBoolean());
            assertThat(state.path("channel_id").asText()).isEqualTo(channel);
            assertThat(state.path("member").path("user").path("id").asText()).isEqualTo(id);
        }
        assertThat(server.server().voiceRelay().metrics().droppedCount(DropReason.SILENCED)).isPositive();
    }
}
