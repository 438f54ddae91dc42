package dev.guildhall.core.voice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.gateway.Intents;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.GatewayClient;
import dev.guildhall.core.support.GuildFixture;
import dev.guildhall.core.support.KafkaEvents;
import dev.guildhall.core.support.TestServer;
import dev.guildhall.core.voice.fleet.VoiceFleet;
import dev.guildhall.core.voice.fleet.VoiceServerView;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.VoiceServerHealth;
import dev.guildhall.testkit.Engines;
import dev.guildhall.testkit.FreePorts;
import dev.guildhall.testkit.ServiceProcess;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import com.neovisionaries.ws.client.WebSocketFactory;
import dev.guildhall.core.support.JdaClients;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.audio.AudioReceiveHandler;
import net.dv8tion.jda.api.audio.AudioSendHandler;
import net.dv8tion.jda.api.audio.OpusPacket;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.cache.CacheFlag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several voice servers: three voice nodes as separate JVMs ({@code VoiceNodeMain}, regions eu-west, us-east and
 * ap-south) register on {@code guildhall.voice.servers}; core-server chooses among them by region latency,
 * capacity and health, and when the node carrying a call is killed with SIGKILL it moves both members with a new
 * VOICE_SERVER_UPDATE, on which their voice clients reconnect — audio flows again within 5 s (measured from the
 * kill to the first relayed Opus frame on the new node).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VoiceFleetIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SECRET = "voice-fleet-it-" + UUID.randomUUID();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String EU = "voice-eu-west-" + RUN;
    private static final String US = "voice-us-east-" + RUN;
    private static final String AP = "voice-ap-south-" + RUN;
    private static final Map<String, ServiceProcess> nodes = new LinkedHashMap<>();
    private static final Map<String, X509Certificate> certificates = new HashMap<>();
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        KafkaEvents.createTopics(Topics.VOICE_SERVERS, Topics.VOICE_HEALTH, Topics.VOICE_QUALITY);
        startNode(EU, "eu-west", 100);
        startNode(US, "us-east", 100);
        startNode(AP, "ap-south", 1);
        server = TestServer.start("voice_fleet", Map.of("voice.fleet.enabled", "true", "voice.token.secret", SECRET,
                "voice.fleet.default.region", "eu-west"));
        await().atMost(WAIT).until(() -> fleet().usableServers().stream().map(VoiceServerView::id).toList()
                .containsAll(List.of(EU, US, AP)));
        fetchCertificates();
    }

    /** Each node's self-signed certificate (GET /voice/certificate), by voice gateway endpoint. */
    private static void fetchCertificates() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        for (VoiceServerView s : fleet().usableServers()) {
            if (nodes.containsKey(s.id())) {
                byte[] pem = http.send(HttpRequest.newBuilder(URI.create(s.heartbeat().opsUrl()
                        + "/voice/certificate")).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
                certificates.put(s.heartbeat().endpoint(),
                        (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(pem)));
            }
        }
    }

    private static void startNode(String id, String region, int capacity) {
        int ops = FreePorts.next();
        Map<String, String> env = Map.of(
                "GUILDHALL_VOICE_NODE_ID", id, "GUILDHALL_VOICE_NODE_REGION", region,
                "GUILDHALL_VOICE_NODE_CAPACITY", Integer.toString(capacity),
                "GUILDHALL_BIND_HOST", "127.0.0.1", "GUILDHALL_VOICE_UDP_PORT", "0",
                "GUILDHALL_VOICE_GATEWAY_PORT", "0", "GUILDHALL_VOICE_NODE_OPS_PORT", Integer.toString(ops),
                "GUILDHALL_KAFKA_BOOTSTRAP", Engines.kafka().bootstrapServers(),
                "GUILDHALL_VOICE_TOKEN_SECRET", SECRET);
        ServiceProcess p = ServiceProcess.start("core-server", "dev.guildhall.core.voice.node.VoiceNodeMain", "128m",
                env);
        nodes.put(id, p);
        p.awaitHealthy("http://127.0.0.1:" + ops + "/health", Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        nodes.values().forEach(ServiceProcess::close);
    }

    private static VoiceFleet fleet() {
        return server.server().voiceFleet();
    }

    private static void publishHealth(String id, String region, String status) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Engines.kafka().bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            long now = System.currentTimeMillis();
            VoiceServerHealth h = new VoiceServerHealth(id, region, status,
                    VoiceServerHealth.HEALTHY.equals(status) ? 100 : 10, 20.0, 5.0, 0.0, 30, now, now - 30_000, now,
                    List.of());
            producer.send(new ProducerRecord<>(Topics.VOICE_HEALTH, id, EventCodec.encode(EventCodec.wrap(
                    new Snowflakes(3, 3), "voice-fleet-it", "0", now, h))));
        }
    }

    @Test
    @Order(1)
    void choosesByRegionLatencyCapacityAndHealth() {
        VoiceFleet f = fleet();
        long guild = 4242;
        // region preference: the client's region wins, else the nearest (eu-west → us-east 80 ms < ap-south 130 ms)
        assertThat(f.assign(guild, 1, 11, "s11", null).voiceServer()).isEqualTo(EU);
        assertThat(f.assign(guild, 1, 12, "s12", "us-east").voiceServer()).isEqualTo(US);
        // capacity: ap-south holds one connection, the next ap-south client goes to eu-west (130 ms < 210 ms)
        assertThat(f.assign(guild, 1, 13, "s13", "ap-south").voiceServer()).isEqualTo(AP);
        VoiceServers.Assignment overflow = f.assign(guild, 1, 14, "s14", "ap-south");
        assertThat(overflow.voiceServer()).isEqualTo(EU);
        assertThat(overflow.endpoint()).isEqualTo(f.usableServers().stream().filter(s -> s.id().equals(EU))
                .findFirst().orElseThrow().heartbeat().endpoint());
        f.disconnect(guild, 11);
        f.disconnect(guild, 12);
        f.disconnect(guild, 13);
        f.disconnect(guild, 14);
        // unhealthy (quality-monitor's verdict on guildhall.voice.health): skipped until healthy again
        publishHealth(US, "us-east", VoiceServerHealth.UNHEALTHY);
        await().atMost(WAIT).until(() -> f.usableServers().stream().noneMatch(s -> s.id().equals(US)));
        assertThat(f.assign(guild, 1, 15, "s15", "us-east").voiceServer()).isEqualTo(EU);
        f.disconnect(guild, 15);
        publishHealth(US, "us-east", VoiceServerHealth.HEALTHY);
        await().atMost(WAIT).until(() -> f.usableServers().stream().anyMatch(s -> s.id().equals(US)));
        assertThat(f.assign(guild, 1, 16, "s16", "us-east").voiceServer()).isEqualTo(US);
        f.disconnect(guild, 16);
        assertThat(server.server().registry().scrape()).contains("guildhall_voice_fleet_selections_total",
                "guildhall_voice_fleet_unavailable_total");
    }

    /**
     * Capacity is enforced by the node: core-server chooses the ap-south node (capacity 1) for alice, then a member of
     * another core-server (a token signed with the fleet secret) takes its only slot; the node refuses alice's
     * IDENTIFY with 4022 and reports it in a heartbeat at once, core-server moves alice to the nearest node with room
     * (eu-west) with a new VOICE_SERVER_UPDATE, and bob, joining next, is not placed on the full node.
     */
    @Test
    @Order(2)
    void aFullNodeRefusesTheConnectionAndTheMemberMovesToANodeWithRoom() throws Exception {
        GuildFixture g = new GuildFixture(server, "cap_owner", "Capacity Guild");
        String channel = g.api.voiceChannel(g.owner, g.guildId);
        assertThat(g.api.call("PATCH", "/api/v10/channels/" + channel, g.owner.auth(),
                "{\"rtc_region\":\"ap-south\"}").status()).isEqualTo(200);
        String ap = endpointOf(AP);
        try (Member alice = new Member(g, g.member("cap_alice")); Member bob = new Member(g, g.member("cap_bob"));
             DiscordVoiceClient foreign = new DiscordVoiceClient(ap, certificates.get(ap))) {
            alice.join(channel);
            JsonNode first = alice.gateway.nextDispatch("VOICE_SERVER_UPDATE", WAIT);
            assertThat(first.at("/d/endpoint").asText()).isEqualTo(ap);

            String foreignToken = new VoiceTokens(SECRET).sign(9001, 9002, 9003, "foreign-session", AP);
            assertThat(foreign.identify("9001", "9003", "foreign-session", foreignToken)).as("READY").isNotNull();
            try (DiscordVoiceClient refused = new DiscordVoiceClient(ap, certificates.get(ap))) {
                refused.send(0, Map.of("server_id", g.guildId, "user_id", alice.account.userId(),
                        "session_id", alice.gateway.sessionIdFromReady(), "token", first.at("/d/token").asText()));
                assertThat(refused.closeCode(WAIT)).as("the full node refuses").isEqualTo(4022);
            }
            alice.connectOnServerUpdate(WAIT);
            assertThat(alice.endpoint).as("moved to the nearest node with room").isEqualTo(endpointOf(EU));
            bob.join(channel);
            bob.connectOnServerUpdate(WAIT);
            assertThat(bob.endpoint).as("not placed on the full node").isEqualTo(endpointOf(EU));
            audioFlows(alice, bob, WAIT);
            assertThat(nodeMetric(AP, "guildhall_voice_gateway_refused_total\\{[^}]*reason=\"capacity\"[^}]*}"))
                    .isEqualTo(1);
            assertThat(server.server().registry().scrape()).containsPattern(
                    "guildhall_voice_fleet_failovers_total\\{.*from=\"" + AP + "\".*reason=\"full\"");
        }
    }

    /** A member's voice side: gateway session, VOICE_SERVER_UPDATE → voice gateway client with encrypted UDP. */
    private static final class Member implements AutoCloseable {
        final Account account;
        final GatewayClient gateway;
        final String guildId;
        DiscordVoiceClient voice;
        String endpoint;

        Member(GuildFixture g, Account account) throws InterruptedException {
            this.account = account;
            this.gateway = g.gateway(account, Intents.GUILDS | Intents.GUILD_VOICE_STATES);
            this.guildId = g.guildId;
        }

        void join(String channelId) {
            Map<String, Object> d = new HashMap<>();
            d.put("guild_id", guildId);
            d.put("channel_id", channelId);
            d.put("self_mute", false);
            d.put("self_deaf", false);
            gateway.sendRaw(ApiClient.json(Map.of("op", 4, "d", d)));
        }

        /** Waits for VOICE_SERVER_UPDATE and connects the voice client to its endpoint. */
        void connectOnServerUpdate(Duration timeout) throws Exception {
            connectTo(gateway.nextDispatch("VOICE_SERVER_UPDATE", timeout));
        }

        /** IDENTIFY, READY, IP discovery, SELECT_PROTOCOL, SESSION_DESCRIPTION on the update's endpoint. */
        void connectTo(JsonNode update) throws Exception {
            assertThat(update).as("VOICE_SERVER_UPDATE").isNotNull();
            endpoint = update.path("d").path("endpoint").asText();
            if (voice != null) {
                voice.close();
            }
            voice = new DiscordVoiceClient(endpoint, certificates.get(endpoint));
            assertThat(voice.identify(guildId, account.userId(), gateway.sessionIdFromReady(),
                    update.path("d").path("token").asText())).as("READY").isNotNull();
            InetSocketAddress self = voice.discover();
            assertThat(voice.selectProtocol(self, "aead_aes256_gcm_rtpsize")).as("SESSION_DESCRIPTION").isNotNull();
        }

        @Override
        public void close() {
            if (voice != null) {
                voice.close();
            }
            gateway.close();
        }
    }

    /** Waits for the move's VOICE_SERVER_UPDATE and reconnects; returns when the update arrived (nanoTime). */
    private static long reconnect(Member m) {
        try {
            JsonNode update = m.gateway.nextDispatch("VOICE_SERVER_UPDATE", Duration.ofSeconds(5));
            long at = System.nanoTime();
            m.connectTo(update);
            return at;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String endpointOf(String id) {
        return fleet().servers().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow().heartbeat()
                .endpoint();
    }

    /** Sends a frame every 20 ms until the receiver decrypts one from the sender; returns when that happened. */
    private static long audioFlows(Member sender, Member receiver, Duration timeout) throws Exception {
        AtomicBoolean heard = new AtomicBoolean();
        Thread talk = new Thread(() -> {
            try {
                while (!heard.get()) {
                    sender.voice.sendOpus(new byte[]{(byte) 0xFC, 0x4A, 0x44, 0x01});
                    sender.voice.nextFrame();
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                // the test's receive loop times out and fails
            }
        }, "fleet-it-talk");
        talk.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                DiscordVoiceClient.Received r = receiver.voice.receive();
                if (r != null && r.ssrc() == sender.voice.ssrc && r.opus()[0] == (byte) 0xFC) {
                    return System.nanoTime();
                }
            }
            throw new AssertionError("no audio from " + sender.account.userId() + " within " + timeout);
        } finally {
            heard.set(true);
            talk.join(1000);
        }
    }

    /**
     * The channel's {@code rtc_region} places the call (us-east → the US node), changing it moves the call (eu-west →
     * the EU node), a server-muted member's audio is dropped on whichever node holds it, and a server-deafened member
     * receives none there.
     */
    @Test
    @Order(3)
    void rtcRegionPlacesAndMovesTheCallAndServerMuteSilencesItOnTheNode() throws Exception {
        GuildFixture g = new GuildFixture(server, "fleet_rtc_owner", "Fleet RTC Guild");
        String channel = g.api.voiceChannel(g.owner, g.guildId);
        String channelPath = "/api/v10/channels/" + channel;
        assertThat(g.api.call("PATCH", channelPath, g.owner.auth(), "{\"rtc_region\":\"us-east\"}").status())
                .isEqualTo(200);
        try (Member alice = new Member(g, g.member("rtc_alice")); Member bob = new Member(g, g.member("rtc_bob"))) {
            alice.join(channel);
            alice.connectOnServerUpdate(WAIT);
            bob.join(channel);
            bob.connectOnServerUpdate(WAIT);
            assertThat(alice.endpoint).isEqualTo(endpointOf(US)).isEqualTo(bob.endpoint);
            audioFlows(alice, bob, WAIT);

            String alicePath = g.guildPath() + "/members/" + alice.account.userId();
            assertThat(g.api.call("PATCH", alicePath, g.owner.auth(), "{\"mute\":true}").status()).isEqualTo(200);
            awaitSilence(alice, bob, WAIT);
            assertThat(silencedOn(US)).isPositive();

            assertThat(g.api.call("PATCH", channelPath, g.owner.auth(), "{\"rtc_region\":\"eu-west\"}").status())
                    .isEqualTo(200);
            CompletableFuture<Long> bobMoved = CompletableFuture.supplyAsync(() -> reconnect(bob));
            reconnect(alice);
            bobMoved.get(10, TimeUnit.SECONDS);
            assertThat(alice.endpoint).isEqualTo(endpointOf(EU)).isEqualTo(bob.endpoint);
            awaitSilence(alice, bob, WAIT);
            assertThat(silencedOn(EU)).as("still muted on the new node").isPositive();

            assertThat(g.api.call("PATCH", alicePath, g.owner.auth(), "{\"mute\":false}").status()).isEqualTo(200);
            audioFlows(alice, bob, WAIT);

            String bobPath = g.guildPath() + "/members/" + bob.account.userId();
            assertThat(g.api.call("PATCH", bobPath, g.owner.auth(), "{\"deaf\":true}").status()).isEqualTo(200);
            awaitSilence(alice, bob, WAIT);
            assertThat(g.api.call("PATCH", bobPath, g.owner.auth(), "{\"deaf\":false}").status()).isEqualTo(200);
            audioFlows(alice, bob, WAIT);
        }
    }

    /** Waits until the receiver hears nothing from the sender for 600 ms while the sender keeps talking. */
    private static void awaitSilence(Member sender, Member receiver, Duration timeout) throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        Thread talk = new Thread(() -> {
            try {
                while (!done.get()) {
                    sender.voice.sendOpus(new byte[]{(byte) 0xFC, 0x4A, 0x44, 0x02});
                    sender.voice.nextFrame();
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                // the receive loop below decides
            }
        }, "fleet-it-talk-muted");
        talk.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastHeard = System.nanoTime();
        try {
            while (System.nanoTime() < deadline) {
                DiscordVoiceClient.Received r = receiver.voice.receive();
                if (r != null && r.ssrc() == sender.voice.ssrc) {
                    lastHeard = System.nanoTime();
                } else if (System.nanoTime() - lastHeard > 600_000_000L) {
                    return;
                }
            }
            throw new AssertionError("audio of " + sender.account.userId() + " still relayed after " + timeout);
        } finally {
            done.set(true);
            talk.join(1000);
        }
    }

    /** The node's {@code guildhall_voice_packets_dropped_total{reason="silenced"}} (its ops port's /metrics). */
    private static double silencedOn(String id) throws Exception {
        return nodeMetric(id, "guildhall_voice_packets_dropped_total\\{[^}]*reason=\"silenced\"[^}]*}");
    }

    /** A sample of the node's /metrics (its ops port): the value after {@code series}, a regex; 0 when absent. */
    private static double nodeMetric(String id, String series) throws Exception {
        String opsUrl = fleet().servers().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow()
                .heartbeat().opsUrl();
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(opsUrl + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile(series + " ([0-9.E]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    @Order(4)
    void killNineMovesTheCallAndAudioFlowsAgainWithinFiveSeconds() throws Exception {
        GuildFixture g = new GuildFixture(server, "fleet_owner", "Fleet Guild");
        String channel = g.api.voiceChannel(g.owner, g.guildId);
        try (Member alice = new Member(g, g.member("fleet_alice")); Member bob = new Member(g, g.member("fleet_bob"))) {
            alice.join(channel);
            alice.connectOnServerUpdate(WAIT);
            bob.join(channel);
            bob.connectOnServerUpdate(WAIT);
            assertThat(alice.endpoint).isEqualTo(endpointOf(EU)).isEqualTo(bob.endpoint);
            audioFlows(alice, bob, WAIT);

            long killed = System.nanoTime(); // before the signal: the measure includes reaping the process
            nodes.get(EU).kill9();
            // both clients react on their own, as real ones do
            CompletableFuture<Long> bobMoved = CompletableFuture.supplyAsync(() -> reconnect(bob));
            long aliceMoved = reconnect(alice);
            long bobAt = bobMoved.get(10, TimeUnit.SECONDS);
            assertThat(alice.endpoint).isEqualTo(endpointOf(US)).isEqualTo(bob.endpoint);
            long flowing = audioFlows(alice, bob, Duration.ofSeconds(5));
            long ms = (flowing - killed) / 1_000_000;
            System.out.println("voice fleet IT: kill -9 of " + EU + " → VOICE_SERVER_UPDATE "
                    + (aliceMoved - killed) / 1_000_000 + "/" + (bobAt - killed) / 1_000_000 + " ms, audio flows on "
                    + US + " after " + ms + " ms");
            assertThat(ms).as("kill -9 to audio flowing again, ms").isLessThan(5000);
            assertThat(fleet().placementOf(Long.parseUnsignedLong(g.guildId),
                    Long.parseUnsignedLong(alice.account.userId()))).isEqualTo(US);
            assertThat(server.server().registry().scrape())
                    .containsPattern("guildhall_voice_fleet_failovers_total\\{.*from=\"" + EU
                            + "\".*reason=\"(unreachable|dead)\"");
        }
    }

    /** The same with unmodified JDA 5 bots: they follow the VOICE_SERVER_UPDATE and their Opus flows again. */
    @Test
    @Order(5)
    void jdaBotsFollowTheMoveAfterKillNine() throws Exception {
        if (!nodes.get(EU).isAlive()) {
            startNode(EU, "eu-west", 100); // the node killed above, back with a new process and certificate
        }
        await().atMost(WAIT).until(() -> fleet().usableServers().stream().anyMatch(s -> s.id().equals(EU)));
        fetchCertificates();
        ApiClient api = server.client();
        Account owner = api.register("fleetjdaowner");
        String guildId = api.createGuild(owner, "Fleet JDA").get("id").asText();
        String text = api.textChannel(owner, guildId);
        String voiceChannel = api.voiceChannel(owner, guildId);
        ApiClient.Response sender = api.post("/api/v10/applications", owner.auth(), Map.of("name", "Fleet Sender"));
        ApiClient.Response receiver = api.post("/api/v10/applications", owner.auth(), Map.of("name", "Fleet Ear"));
        String senderId = sender.body().at("/bot/id").asText();
        api.invite(owner, text, "Bot " + sender.body().at("/bot/token").asText());
        api.invite(owner, text, "Bot " + receiver.body().at("/bot/token").asText());
        JDA ear = jda(receiver.body().at("/bot/token").asText());
        JDA mouth = jda(sender.body().at("/bot/token").asText());
        try {
            // frames carry their number: one provided after the kill can only have come through the new node
            AtomicInteger provided = new AtomicInteger();
            AtomicInteger firstAfterKill = new AtomicInteger(Integer.MAX_VALUE);
            AtomicLong heardAfterKillNanos = new AtomicLong();
            AtomicInteger heard = new AtomicInteger();
            Guild eg = ear.getGuildById(guildId);
            eg.getAudioManager().setReceivingHandler(new AudioReceiveHandler() {
                @Override
                public boolean canReceiveEncoded() {
                    return true;
                }

                @Override
                public void handleEncodedAudio(OpusPacket packet) {
                    byte[] opus = packet.getOpusAudio();
                    if (Long.toUnsignedString(packet.getUserId()).equals(senderId) && opus.length == 5) {
                        heard.incrementAndGet();
                        int frame = ByteBuffer.wrap(opus, 1, 4).getInt();
                        if (frame >= firstAfterKill.get() && heardAfterKillNanos.get() == 0) {
                            heardAfterKillNanos.set(System.nanoTime());
                        }
                    }
                }
            });
            eg.getAudioManager().openAudioConnection(eg.getVoiceChannelById(voiceChannel));
            await().atMost(WAIT).until(() -> eg.getAudioManager().isConnected());
            Guild mg = mouth.getGuildById(guildId);
            mg.getAudioManager().setSendingHandler(new AudioSendHandler() {
                @Override
                public boolean canProvide() {
                    return true;
                }

                @Override
                public ByteBuffer provide20MsAudio() {
                    return ByteBuffer.allocate(5).put((byte) 0xFC).putInt(provided.getAndIncrement()).flip();
                }

                @Override
                public boolean isOpus() {
                    return true;
                }
            });
            mg.getAudioManager().openAudioConnection(mg.getVoiceChannelById(voiceChannel));
            await().atMost(WAIT).until(() -> heard.get() >= 25);
            assertThat(fleet().placementOf(Long.parseUnsignedLong(guildId), Long.parseUnsignedLong(senderId)))
                    .isEqualTo(EU);

            firstAfterKill.set(provided.get());
            long killed = System.nanoTime();
            nodes.get(EU).kill9();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> heardAfterKillNanos.get() != 0);
            long ms = (heardAfterKillNanos.get() - killed) / 1_000_000;
            System.out.println("voice fleet IT: JDA audio flows again " + ms + " ms after kill -9 of " + EU);
            assertThat(fleet().placementOf(Long.parseUnsignedLong(guildId), Long.parseUnsignedLong(senderId)))
                    .isEqualTo(US);
            assertThat(ms).as("kill -9 to JDA audio flowing again, ms").isLessThan(5000);
        } finally {
            mouth.shutdownNow();
            ear.shutdownNow();
        }
    }

    private static JDA jda(String token) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (X509Certificate c : certificates.values()) {
            store.setCertificateEntry("voice-" + i++, c);
        }
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
}
