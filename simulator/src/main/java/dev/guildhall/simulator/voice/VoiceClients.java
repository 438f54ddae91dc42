package dev.guildhall.simulator.voice;

import dev.guildhall.simulator.api.CoreApi;
import dev.guildhall.simulator.config.SimulatorConfig;
import dev.guildhall.simulator.gateway.GatewayClients;
import dev.guildhall.simulator.metrics.SimulatorMetrics;
import dev.guildhall.simulator.setup.Community;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The voice clients, paced by one 20 ms clock (50 packets/s per talking client). Voice servers present a
 * self-signed certificate that the simulator cannot know in advance, so its voice gateway connections trust any
 * certificate (a simulator's shortcut; real clients verify).
 */
public final class VoiceClients implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VoiceClients.class);
    static final double IMPAIRED_LOSS = 0.08;
    static final int IMPAIRED_MAX_JITTER_MS = 120;

    private final List<VoiceClient> clients = new ArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "voice-clock");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService blocking = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "voice-setup");
        t.setDaemon(true);
        return t;
    });

    private ImpairmentProxies proxies;

    /**
     * The first {@code count} members talk in their guild's voice channel; a share {@code impairShare} is impaired:
     * by send-side bad phases, or with {@code proxy} set through impairment proxies.
     */
    public void start(CoreApi api, URI coreUrl, List<Community.Member> members, int count, double impairShare,
                      SimulatorConfig.ProxyImpairment proxy, long seed, SimulatorMetrics metrics) {
        Random random = new Random(seed ^ 0x766F696365L);
        int n = Math.min(count, members.size());
        if (n == 0) {
            return;
        }
        int impaired = (int) Math.round(n * impairShare);
        URI gatewayUrl = GatewayClients.gatewayUri(api, coreUrl);
        HttpClient gatewayHttp = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpClient voiceHttp = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .sslContext(trustingAnyCertificate()).build();
        proxies = proxy == null ? null : new ImpairmentProxies(proxy, seed);
        for (int i = 0; i < n; i++) {
            Community.Member m = members.get(i);
            // impair the last ones, so the first client of every guild stays clean
            boolean impair = i >= n - impaired;
            Impairment phases = impair && proxy == null ? new Impairment(new Random(random.nextLong()),
                    IMPAIRED_LOSS, IMPAIRED_MAX_JITTER_MS) : null;
            UnaryOperator<InetSocketAddress> path = impair && proxy != null ? proxies : UnaryOperator.identity();
            clients.add(new VoiceClient(m.username(), m.session().token(), m.guild().id, m.guild().voiceChannelId,
                    gatewayUrl, gatewayHttp, voiceHttp, metrics, scheduler, blocking, new Random(random.nextLong()),
                    phases, path));
        }
        log.info("voice clients={} impaired={} ({}) gateway={}", clients.size(), impaired,
                proxy == null ? "send-side bad phases" : "proxy " + proxy, gatewayUrl);
        clients.forEach(VoiceClient::start);
        scheduler.scheduleAtFixedRate(this::tickAll, 0, 20, TimeUnit.MILLISECONDS);
    }

    private void tickAll() {
        long nowMs = System.currentTimeMillis();
        long nowNanos = System.nanoTime();
        for (VoiceClient c : clients) {
            c.tick(nowMs, nowNanos);
        }
    }

    public long connected() {
        return clients.stream().filter(VoiceClient::isConnected).count();
    }

    private static SSLContext trustingAnyCertificate() {
        // extended: the JDK then adds no checks of its own (hostname) around it
        TrustManager any = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[]{any}, new SecureRandom());
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS", e);
        }
    }

    @Override
    public void close() {
        clients.forEach(VoiceClient::close);
        scheduler.shutdownNow();
        blocking.shutdownNow();
        if (proxies != null) {
            proxies.close();
        }
    }
}
