package dev.guildhall.core.voice.fleet;

import dev.guildhall.core.voice.VoiceServers;
import dev.guildhall.core.voice.VoiceTokens;
import dev.guildhall.events.payload.VoiceServerHealth;
import dev.guildhall.events.payload.VoiceServerHeartbeat;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Voice connections placed on separate voice nodes (docs/decisions.md, "voice server fleet"):
 * <ul>
 *   <li>{@link #assign} chooses a node with {@link VoiceServerSelector} for the client's region (the channel's
 *       {@code rtc_region}, else {@code voice.fleet.default.region}) and signs a {@link VoiceTokens} token for it;
 *       with no usable node the answer has a null endpoint (as Discord does while it reallocates) and the member
 *       waits for one.</li>
 *   <li>every {@code voice.fleet.check.interval.ms} the placements on a node that is dead (no heartbeat for
 *       {@code voice.fleet.dead.after.ms}, or heartbeats late and its ops port refusing connections), stopping, or
 *       unhealthy/down by quality-monitor, and the waiting ones
 *       once a node is usable, are handed to the {@link Mover}, which sends a new VOICE_SERVER_UPDATE.</li>
 *   <li>a member whose connection a full node refused (its heartbeat's {@code refused}) is handed to the
 *       {@link Mover} at once, and the selector skips the node while its load is at capacity.</li>
 *   <li>a placement that ends or moves off a live node is disconnected there (signed POST to its ops port), and a
 *       member who may not speak (server mute, no SPEAK) is silenced on the node (signed {@code POST /voice/speak}),
 *       a deafened one (server or self) gets no audio there (signed {@code POST /voice/hear}).</li>
 * </ul>
 * Metrics: {@code guildhall.voice.fleet.selections{voice_server,client_region}}, {@code .unavailable},
 * {@code .failovers{from,reason}}, {@code .servers.usable}, {@code .placements}.
 */
public final class VoiceFleet implements VoiceServers, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VoiceFleet.class);

    private record Member(long guildId, long userId) {
    }

    /** Where a member's connection is; {@code voiceServer} null while it waits for a usable node. */
    private record Placement(String voiceServer, long channelId) {
    }

    private final VoiceFleetConfig config;
    private final VoiceTokens tokens;
    private final VoiceServerSelector selector;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Map<String, VoiceServerView> servers = new ConcurrentHashMap<>();
    private final Map<String, VoiceServerHealth> health = new ConcurrentHashMap<>();
    private final Map<Member, Placement> placements = new ConcurrentHashMap<>();
    private final Set<Member> moving = ConcurrentHashMap.newKeySet();
    /** Nodes whose ops port refused a connection after their heartbeats paused: when that was (ms). */
    private final Map<String, Long> unreachableSince = new ConcurrentHashMap<>();
    private final Set<String> probing = ConcurrentHashMap.newKeySet();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Counter unavailable;
    private final ScheduledExecutorService checker;
    private volatile Mover mover = (g, u) -> { };

    public VoiceFleet(VoiceFleetConfig config, Clock clock, MeterRegistry registry) {
        this.config = config;
        this.tokens = new VoiceTokens(config.tokenSecret(), config.tokenTtl(), clock);
        this.selector = new VoiceServerSelector(config.latencies(), config.deadAfter().toMillis());
        this.clock = clock;
        this.registry = registry;
        this.unavailable = Counter.builder("guildhall.voice.fleet.unavailable")
                .description("voice connections that found no usable voice server").register(registry);
        Gauge.builder("guildhall.voice.fleet.servers.usable", this, f -> f.usableServers().size())
                .description("voice servers alive, healthy enough and known to this core-server").register(registry);
        Gauge.builder("guildhall.voice.fleet.placements", placements, Map::size)
                .description("voice connections this core-server placed on voice servers").register(registry);
        this.checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "voice-fleet-check");
            t.setDaemon(true);
            return t;
        });
        long every = config.checkInterval().toMillis();
        checker.scheduleWithFixedDelay(this::checkSafely, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onMove(Mover mover) {
        this.mover = mover;
    }

    /** A node's heartbeat (from {@link VoiceFleetFeed}); {@code sentAtMillis} is the record's timestamp. */
    public void heartbeat(VoiceServerHeartbeat beat, long sentAtMillis) {
        long seen = Math.min(sentAtMillis, clock.millis());
        unreachableSince.computeIfPresent(beat.voiceServer(), (id, since) -> seen > since ? null : since);
        servers.compute(beat.voiceServer(), (id, old) -> old != null && old.lastSeenMillis() > seen ? old
                : new VoiceServerView(beat, seen, health.get(id)));
        moveRefused(beat);
    }

    /**
     * Members whose connection the node refused (it was full, e.g. filled by another core-server's placements before
     * its heartbeat showed it) and who are still placed there go to the mover at once; the heartbeat's load keeps the
     * selector off the full node.
     */
    private void moveRefused(VoiceServerHeartbeat beat) {
        for (String refused : beat.refused()) {
            int colon = refused.indexOf(':');
            Member m;
            try {
                m = new Member(Long.parseUnsignedLong(refused.substring(0, colon)),
                        Long.parseUnsignedLong(refused.substring(colon + 1)));
            } catch (RuntimeException e) {
                LOG.warn("event=voice_refusal_unreadable voice_server={} refused={}", beat.voiceServer(), refused);
                continue;
            }
            Placement p = placements.get(m);
            if (p != null && beat.voiceServer().equals(p.voiceServer()) && moving.add(m)) {
                Counter.builder("guildhall.voice.fleet.failovers").tag("from", beat.voiceServer()).tag("reason", "full")
                        .description("voice connections moved to another voice server").register(registry)
                        .increment();
                LOG.info("event=voice_failover guild_id={} user_id={} from={} reason=full", m.guildId(), m.userId(),
                        beat.voiceServer());
                mover.move(m.guildId(), m.userId());
            }
        }
    }

    /** quality-monitor's verdict on a node (from {@link VoiceFleetFeed}). */
    public void health(VoiceServerHealth verdict) {
        health.put(verdict.voiceServer(), verdict);
        servers.computeIfPresent(verdict.voiceServer(), (id, old) -> old.withHealth(verdict));
    }

    /** The nodes a new connection could be placed on now. */
    public List<VoiceServerView> usableServers() {
        long now = clock.millis();
        long dead = config.deadAfter().toMillis();
        return servers.values().stream().filter(s -> s.usable(now, dead) && !unreachableSince.containsKey(s.id()))
                .toList();
    }

    public Collection<VoiceServerView> servers() {
        return List.copyOf(servers.values());
    }

    @Override
    public Assignment assign(long guildId, long channelId, long userId, String sessionId, String rtcRegion) {
        Member member = new Member(guildId, userId);
        String region = rtcRegion != null ? rtcRegion : config.defaultRegion();
        List<VoiceServerView> reachable = servers.values().stream()
                .filter(s -> !unreachableSince.containsKey(s.id())).toList();
        Optional<VoiceServerSelector.Choice> choice = selector.choose(reachable, region, this::placedOn,
                clock.millis());
        String serverId = choice.map(c -> c.server().id()).orElse(null);
        Placement old = placements.put(member, new Placement(serverId, channelId));
        moving.remove(member);
        if (old != null && old.voiceServer() != null && !old.voiceServer().equals(serverId)) {
            disconnectOn(old.voiceServer(), guildId, userId);
        }
        if (choice.isEmpty()) {
            unavailable.increment();
            LOG.warn("event=voice_server_unavailable guild_id={} user_id={} client_region={} known_servers={}",
                    guildId, userId, region, servers.keySet());
            return new Assignment(null, null, tokens.sign(guildId, channelId, userId, sessionId, ""));
        }
        VoiceServerView s = choice.get().server();
        Counter.builder("guildhall.voice.fleet.selections").tag("voice_server", s.id()).tag("client_region", region)
                .description("voice connections placed, by voice server and client region").register(registry)
                .increment();
        LOG.debug("event=voice_server_selected guild_id={} user_id={} voice_server={} region={} expected_ms={}",
                guildId, userId, s.id(), s.region(), choice.get().expectedMs());
        return new Assignment(s.id(), s.heartbeat().endpoint(),
                tokens.sign(guildId, channelId, userId, sessionId, s.id()));
    }

    @Override
    public void disconnect(long guildId, long userId) {
        Member member = new Member(guildId, userId);
        moving.remove(member);
        Placement p = placements.remove(member);
        if (p != null && p.voiceServer() != null) {
            disconnectOn(p.voiceServer(), guildId, userId);
        }
    }

    @Override
    public void maySpeak(long guildId, long userId, boolean allowed) {
        Placement p = placements.get(new Member(guildId, userId));
        if (p != null && p.voiceServer() != null) {
            signedPost(p.voiceServer(), "/voice/speak", Long.toUnsignedString(guildId) + ":"
                    + Long.toUnsignedString(userId) + ":" + (allowed ? 1 : 0) + ":" + (clock.millis() + 60_000));
        }
    }

    @Override
    public void mayHear(long guildId, long userId, boolean allowed) {
        Placement p = placements.get(new Member(guildId, userId));
        if (p != null && p.voiceServer() != null) {
            signedPost(p.voiceServer(), "/voice/hear", Long.toUnsignedString(guildId) + ":"
                    + Long.toUnsignedString(userId) + ":" + (allowed ? 1 : 0) + ":" + (clock.millis() + 60_000));
        }
    }

    /** The node of a member's connection, or null (tests, status). */
    public String placementOf(long guildId, long userId) {
        Placement p = placements.get(new Member(guildId, userId));
        return p == null ? null : p.voiceServer();
    }

    private int placedOn(String serverId) {
        int n = 0;
        for (Placement p : placements.values()) {
            if (serverId.equals(p.voiceServer())) {
                n++;
            }
        }
        return n;
    }

    /** Asks a live node to close a connection it no longer should hold (4014); a dead node needs nothing. */
    private void disconnectOn(String serverId, long guildId, long userId) {
        signedPost(serverId, "/voice/disconnect", Long.toUnsignedString(guildId) + ":" + Long.toUnsignedString(userId)
                + ":" + (clock.millis() + 60_000));
    }

    /** A signed POST to a live node's ops port (the body ends with its expiry, epoch ms). */
    private void signedPost(String serverId, String path, String body) {
        VoiceServerView s = servers.get(serverId);
        if (s == null || !s.alive(clock.millis(), config.deadAfter().toMillis()) || s.heartbeat().opsUrl() == null) {
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(s.heartbeat().opsUrl() + path))
                .timeout(Duration.ofSeconds(2))
                .header("X-Guildhall-Signature", tokens.signRequest(body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
            if (e != null || r.statusCode() != 204) {
                LOG.debug("event=voice_node_request_failed voice_server={} path={} status={} error={}", serverId, path,
                        r == null ? null : r.statusCode(), e == null ? null : e.toString());
            }
        });
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.error("event=voice_fleet_check_failed error={}", e.toString(), e);
        }
    }

    /**
     * A node whose heartbeat is 1.2 intervals late gets its ops port probed: a refused connection (the process is
     * gone: kill -9, crash) makes it unreachable at once instead of after {@code voice.fleet.dead.after.ms}. A
     * timeout proves nothing (a busy node) and is ignored; the next heartbeat clears the mark.
     */
    private void probeLateNodes(long now, long dead) {
        for (VoiceServerView s : servers.values()) {
            String url = s.heartbeat().opsUrl();
            if (url == null || !s.alive(now, dead) || unreachableSince.containsKey(s.id())
                    || now - s.lastSeenMillis() <= s.heartbeat().intervalMs() * 6 / 5 || !probing.add(s.id())) {
                continue;
            }
            HttpRequest probe = HttpRequest.newBuilder(URI.create(url + "/health")).timeout(Duration.ofSeconds(1))
                    .GET().build();
            http.sendAsync(probe, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                probing.remove(s.id());
                if (e != null && (e instanceof java.net.ConnectException
                        || e.getCause() instanceof java.net.ConnectException)) {
                    unreachableSince.put(s.id(), clock.millis());
                    LOG.info("event=voice_server_unreachable voice_server={} silent_ms={}", s.id(),
                            clock.millis() - s.lastSeenMillis());
                }
            });
        }
    }

    /** Hands every placement that must move to the mover (once until it is placed again). */
    void check() {
        long now = clock.millis();
        long dead = config.deadAfter().toMillis();
        probeLateNodes(now, dead);
        boolean anyUsable = servers.values().stream()
                .anyMatch(s -> s.usable(now, dead) && !unreachableSince.containsKey(s.id()));
        List<Member> toMove = new ArrayList<>();
        for (Map.Entry<Member, Placement> e : placements.entrySet()) {
            if (moving.contains(e.getKey())) {
                continue;
            }
            String from = e.getValue().voiceServer();
            String reason;
            if (from == null) {
                reason = anyUsable ? "waiting" : null;
            } else {
                VoiceServerView s = servers.get(from);
                reason = s == null ? "unknown" : s.unusableReason(now, dead);
                if (reason == null && unreachableSince.containsKey(from)) {
                    reason = "unreachable";
                }
            }
            if (reason != null) {
                toMove.add(e.getKey());
                Counter.builder("guildhall.voice.fleet.failovers").tag("from", from == null ? "none" : from)
                        .tag("reason", reason).description("voice connections moved to another voice server")
                        .register(registry).increment();
                LOG.info("event=voice_failover guild_id={} user_id={} from={} reason={}", e.getKey().guildId(),
                        e.getKey().userId(), from, reason);
            }
        }
        for (Member m : toMove) {
            moving.add(m);
            mover.move(m.guildId(), m.userId());
        }
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }
}
