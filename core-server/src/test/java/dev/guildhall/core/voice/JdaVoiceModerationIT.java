package dev.guildhall.core.voice;

import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.JdaVoiceClients;
import dev.guildhall.core.support.TestServer;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.audio.AudioReceiveHandler;
import net.dv8tion.jda.api.audio.AudioSendHandler;
import net.dv8tion.jda.api.audio.OpusPacket;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.GuildVoiceState;
import net.dv8tion.jda.api.entities.Member;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Voice moderation with unmodified JDA 5 bots: a moderator bot server-mutes a speaking bot with
 * {@code Guild.mute} (the relay drops its Opus: the listener hears nothing more and
 * {@code guildhall.voice.packets.dropped{reason="silenced"}} counts it), unmutes it (audio flows again), moves it with
 * {@code Guild.moveVoiceMember} (JDA reconnects its audio in the new channel) and disconnects it with
 * {@code Guild.kickVoiceMember}.
 */
class JdaVoiceModerationIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern SILENCED = Pattern.compile(
            "guildhall_voice_packets_dropped_total\\{[^}]*reason=\"silenced\"[^}]*} ([0-9.E]+)");
    private static TestServer server;
    private static ApiClient api;
    private static String guildId;
    private static String voiceChannelId;
    private static String afkChannelId;
    private static String speakerToken;
    private static String speakerId;
    private static String moderatorToken;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("jda_voice_moderation");
        api = server.client();
        Account owner = api.register("jdamodowner");
        guildId = api.createGuild(owner, "JDA Voice Moderation").get("id").asText();
        String text = api.textChannel(owner, guildId);
        voiceChannelId = api.voiceChannel(owner, guildId);
        afkChannelId = api.post("/api/v10/guilds/" + guildId + "/channels", owner.auth(),
                Map.of("name", "AFK", "type", 2)).str("id");
        Response speaker = api.post("/api/v10/applications", owner.auth(), Map.of("name", "Speaker"));
        speakerToken = speaker.body().at("/bot/token").asText();
        speakerId = speaker.body().at("/bot/id").asText();
        Response moderator = api.post("/api/v10/applications", owner.auth(), Map.of("name", "Moderator"));
        moderatorToken = moderator.body().at("/bot/token").asText();
        api.invite(owner, text, "Bot " + speakerToken);
        api.invite(owner, text, "Bot " + moderatorToken);
        String role = api.post("/api/v10/guilds/" + guildId + "/roles", owner.auth(), Map.of("name", "voice mods",
                "permissions", Long.toString(Permissions.MUTE_MEMBERS | Permissions.MOVE_MEMBERS))).str("id");
        Response granted = api.call("PUT", "/api/v10/guilds/" + guildId + "/members/"
                + moderator.body().at("/bot/id").asText() + "/roles/" + role, owner.auth(), null);
        assertThat(granted.status()).isEqualTo(204);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static double silencedDrops() {
        String metrics = api.call("GET", "/metrics", null, null).raw();
        Matcher m = SILENCED.matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void jdaModeratorMutesMovesAndDisconnectsASpeakingBot() throws Exception {
        JDA moderator = JdaVoiceClients.login(server, moderatorToken);
        JDA speaker = JdaVoiceClients.login(server, speakerToken);
        try {
            AtomicInteger heard = new AtomicInteger();
            Guild mg = moderator.getGuildById(guildId);
            mg.getAudioManager().setReceivingHandler(new AudioReceiveHandler() {
                @Override
                public boolean canReceiveEncoded() {
                    return true;
                }

                @Override
                public void handleEncodedAudio(OpusPacket packet) {
                    if (Long.toUnsignedString(packet.getUserId()).equals(speakerId)) {
                        heard.incrementAndGet();
                    }
                }
            });
            JdaVoiceClients.join(mg, voiceChannelId, WAIT);

            Guild sg = speaker.getGuildById(guildId);
            AtomicInteger frame = new AtomicInteger();
            sg.getAudioManager().setSendingHandler(new AudioSendHandler() {
                @Override
                public boolean canProvide() {
                    return sg.getAudioManager().isConnected();
                }

                @Override
                public ByteBuffer provide20MsAudio() {
                    int n = frame.getAndIncrement();
                    return ByteBuffer.wrap(new byte[]{(byte) 0xFC, 0x4A, 0x44, (byte) n});
                }

                @Override
                public boolean isOpus() {
                    return true;
                }
            });
            sg.getAudioManager().openAudioConnection(sg.getVoiceChannelById(voiceChannelId));
            await().atMost(WAIT).until(() -> heard.get() >= 10);
            await().atMost(WAIT).until(() -> mg.getMemberById(speakerId) != null);
            Member target = mg.getMemberById(speakerId);

            mg.mute(target, true).reason("too loud").complete();
            await().atMost(WAIT).until(() -> voiceState(mg) != null && voiceState(mg).isGuildMuted());
            await().atMost(WAIT).until(() -> silencedDrops() >= 25); // half a second of the speaker's frames
            int afterMute = heard.get();
            int sentAfterMute = frame.get();
            await().atMost(WAIT).until(() -> frame.get() >= sentAfterMute + 25);
            assertThat(heard.get()).as("nothing of a server-muted member is relayed").isEqualTo(afterMute);

            mg.mute(target, false).complete();
            await().atMost(WAIT).until(() -> !voiceState(mg).isGuildMuted());
            await().atMost(WAIT).until(() -> heard.get() >= afterMute + 10);

            mg.moveVoiceMember(target, mg.getVoiceChannelById(afkChannelId)).complete();
            await().atMost(WAIT).until(() -> voiceState(mg).getChannel() != null
                    && voiceState(mg).getChannel().getId().equals(afkChannelId));
            await().atMost(WAIT).until(() -> sg.getAudioManager().isConnected()
                    && sg.getAudioManager().getConnectedChannel() != null
                    && sg.getAudioManager().getConnectedChannel().getId().equals(afkChannelId));

            mg.kickVoiceMember(target).complete();
            // out of voice: JDA's VOICE member cache policy evicts the member
            await().atMost(WAIT).until(() -> voiceState(mg) == null || voiceState(mg).getChannel() == null);
            await().atMost(WAIT).until(() -> !sg.getAudioManager().isConnected());
        } finally {
            speaker.shutdownNow();
            moderator.shutdownNow();
        }
    }

    private static GuildVoiceState voiceState(Guild g) {
        Member m = g.getMemberById(speakerId);
        return m == null ? null : m.getVoiceState();
    }
}
