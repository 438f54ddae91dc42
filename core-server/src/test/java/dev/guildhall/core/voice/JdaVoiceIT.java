package dev.guildhall.core.voice;

import com.neovisionaries.ws.client.WebSocketFactory;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.JdaClients;
import dev.guildhall.core.support.TestServer;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.audio.AudioReceiveHandler;
import net.dv8tion.jda.api.audio.AudioSendHandler;
import net.dv8tion.jda.api.audio.OpusPacket;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.concrete.VoiceChannel;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.cache.CacheFlag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real-client proof: two unmodified JDA 5.6.1 bots join the same voice channel through gateway op 4 and
 * the TLS voice gateway; one sends pre-encoded Opus frames ({@code isOpus() == true}, no natives), the other
 * receives them encoded ({@code canReceiveEncoded}) after both sides' transport encryption, attributed to the
 * sender's user id through the relayed SPEAKING.
 */
class JdaVoiceIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TestServer server;
    private static ApiClient api;
    private static String guildId;
    private static String voiceChannelId;
    private static String senderToken;
    private static String senderId;
    private static String receiverToken;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("jda_voice");
        api = server.client();
        Account owner = api.register("jdavoiceowner");
        guildId = api.createGuild(owner, "JDA Voice").get("id").asText();
        String text = api.textChannel(owner, guildId);
        voiceChannelId = api.voiceChannel(owner, guildId);
        Response sender = api.post("/api/v10/applications", owner.auth(), Map.of("name", "Voice Sender"));
        senderToken = sender.body().at("/bot/token").asText();
        senderId = sender.body().at("/bot/id").asText();
        Response receiver = api.post("/api/v10/applications", owner.auth(), Map.of("name", "Voice Receiver"));
        receiverToken = receiver.body().at("/bot/token").asText();
        api.invite(owner, text, "Bot " + senderToken);
        api.invite(owner, text, "Bot " + receiverToken);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static JDA login(String token) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("voice", server.server().voiceGateway().certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return JdaClients.pointedAt(server, token, GatewayIntent.GUILD_VOICE_STATES)
                .enableCache(CacheFlag.VOICE_STATE)
                .setWebsocketFactory(new WebSocketFactory().setSSLContext(ssl))
                .setCompression(Compression.NONE)
                .build().awaitReady();
    }

    @Test
    void jdaBotsSendAndReceiveOpusThroughTheRelay() throws Exception {
        JDA receiver = login(receiverToken);
        JDA sender = login(senderToken);
        try {
            List<byte[]> heard = new CopyOnWriteArrayList<>();
            AtomicInteger fromSender = new AtomicInteger();
            Guild rg = receiver.getGuildById(guildId);
            rg.getAudioManager().setReceivingHandler(new AudioReceiveHandler() {
                @Override
                public boolean canReceiveEncoded() {
                    return true;
                }

                @Override
                public void handleEncodedAudio(OpusPacket packet) {
                    heard.add(packet.getOpusAudio());
                    if (Long.toUnsignedString(packet.getUserId()).equals(senderId)) {
                        fromSender.incrementAndGet();
                    }
                }
            });
            VoiceChannel rChannel = rg.getVoiceChannelById(voiceChannelId);
            rg.getAudioManager().openAudioConnection(rChannel);
            await().atMost(WAIT).until(() -> rg.getAudioManager().isConnected());

            int frames = 100;
            AtomicInteger provided = new AtomicInteger();
            Guild sg = sender.getGuildById(guildId);
            sg.getAudioManager().setSendingHandler(new AudioSendHandler() {
                @Override
                public boolean canProvide() {
                    return sg.getAudioManager().isConnected() && provided.get() < frames;
                }

                @Override
                public ByteBuffer provide20MsAudio() {
                    int n = provided.getAndIncrement();
                    // a TOC byte (CELT fullband 20 ms, one frame) and a recognisable body
                    return ByteBuffer.wrap(new byte[]{(byte) 0xFC, 0x4A, 0x44, (byte) n, (byte) (n * 7)});
                }

                @Override
                public boolean isOpus() {
                    return true;
                }
            });
            sg.getAudioManager().openAudioConnection(sg.getVoiceChannelById(voiceChannelId));
            await().atMost(WAIT).until(() -> provided.get() >= frames);
            await().atMost(WAIT).until(() -> fromSender.get() >= frames * 9 / 10);
            assertThat(heard).anySatisfy(p -> assertThat(p).startsWith((byte) 0xFC, (byte) 0x4A, (byte) 0x44));
            assertThat(server.server().voiceGateway().connection(Long.parseUnsignedLong(guildId),
                    Long.parseUnsignedLong(senderId))).isNotNull();
        } finally {
            sender.shutdownNow();
            receiver.shutdownNow();
        }
    }
}
