package dev.guildhall.simulator.voice;

import dev.guildhall.simulator.api.CoreApi;
import dev.guildhall.simulator.metrics.SimulatorMetrics;
import dev.guildhall.simulator.setup.Community;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The voice clients, paced by one 20 ms clock (50 packets/s per talking client). */
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
    private final ExecutorService joiner = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "voice-join");
        t.setDaemon(true);
        return t;
    });

    /** The first {@code count} members talk in their guild's voice channel; a share {@code impairShare} is impaired. */
    public void start(CoreApi api, List<Community.Member> members, int count, double impairShare, long seed,
                      SimulatorMetrics metrics) {
        Random random = new Random(seed ^ 0x766F696365L);
        int n = Math.min(count, members.size());
        int impaired = (int) Math.round(n * impairShare);
        for (int i = 0; i < n; i++) {
            Community.Member m = members.get(i);
            // impair the last ones, so the first client of every guild stays clean
            Impairment imp = i >= n - impaired ? new Impairment(new Random(random.nextLong()), IMPAIRED_LOSS,
                    IMPAIRED_MAX_JITTER_MS) : null;
            clients.add(new VoiceClient(m.username(), m.session().token(), m.guild().voiceChannelId, api, metrics,
                    scheduler, joiner, new Random(random.nextLong()), imp));
        }
        if (clients.isEmpty()) {
            return;
        }
        log.info("voice clients={} impaired={}", clients.size(), impaired);
        scheduler.scheduleAtFixedRate(this::tickAll, 0, 20, TimeUnit.MILLISECONDS);
    }

    private void tickAll() {
        long now = System.currentTimeMillis();
        for (VoiceClient c : clients) {
            c.tick(now);
        }
    }

    public long bound() {
        return clients.stream().filter(VoiceClient::isBound).count();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        joiner.shutdownNow();
        clients.forEach(VoiceClient::close);
    }
}
