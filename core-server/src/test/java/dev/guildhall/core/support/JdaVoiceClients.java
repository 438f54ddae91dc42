package dev.guildhall.core.support;

import com.neovisionaries.ws.client.WebSocketFactory;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.MemberCachePolicy;
import net.dv8tion.jda.api.utils.cache.CacheFlag;

import static org.awaitility.Awaitility.await;

/**
 * Unmodified JDA bots in voice on a test server: a bot signed in with voice states cached (JDA's VOICE member cache
 * policy) whose voice WebSocket trusts the test server's self-signed voice gateway certificate, and a join that
 * waits until JDA's audio connection is up.
 */
public final class JdaVoiceClients {
    private JdaVoiceClients() {
    }

    /** Signs the bot in (GUILD_VOICE_STATES) and waits until JDA is ready. */
    public static JDA login(TestServer server, String botToken) throws InterruptedException {
        return JdaClients.pointedAt(server, botToken, GatewayIntent.GUILD_VOICE_STATES)
                .enableCache(CacheFlag.VOICE_STATE)
                .setMemberCachePolicy(MemberCachePolicy.VOICE)
                .setWebsocketFactory(new WebSocketFactory().setSSLContext(trustingVoiceGateway(server)))
                .setCompression(Compression.NONE)
                .build().awaitReady();
    }

    /** Opens the guild's audio connection to the voice channel and waits until it is connected. */
    public static void join(Guild guild, String voiceChannelId, Duration wait) {
        guild.getAudioManager().openAudioConnection(guild.getVoiceChannelById(voiceChannelId));
        await().atMost(wait).until(() -> guild.getAudioManager().isConnected());
    }

    private static SSLContext trustingVoiceGateway(TestServer server) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("voice", server.server().voiceGateway().certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot trust the voice gateway's certificate", e);
        }
    }
}
