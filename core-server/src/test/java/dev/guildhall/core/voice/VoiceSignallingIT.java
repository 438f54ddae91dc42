package dev.guildhall.core.voice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.gateway.Intents;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.GatewayClient;
import dev.guildhall.core.support.GuildFixture;
import dev.guildhall.core.support.KafkaEvents;
import dev.guildhall.core.support.TestServer;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.VoiceQualitySample;
import dev.guildhall.events.payload.VoiceSessionJoined;
import dev.guildhall.events.payload.VoiceSessionLeft;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discord voice signalling end to end over real sockets: gateway op 4 → VOICE_STATE_UPDATE then
 * VOICE_SERVER_UPDATE, voice states in GUILD_CREATE, CONNECT and user_limit rules, voice.session events on Kafka;
 * the voice gateway v8 over TLS (IDENTIFY, READY, IP discovery, SELECT_PROTOCOL, SESSION_DESCRIPTION, SPEAKING,
 * CLIENTS_CONNECT/CLIENT_DISCONNECT, RESUME, close codes) and encrypted audio relayed between two clients using
 * different transport modes, measured on the decrypted stream.
 */
class VoiceSignallingIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int INTENTS = Intents.GUILDS | Intents.GUILD_VOICE_STATES;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        KafkaEvents.createTopics(Topics.VOICE_SESSIONS, Topics.VOICE_QUALITY);
        server = TestServer.start("voice_signalling");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private record Joined(JsonNode state, JsonNode serverUpdate, List<String> order) {
    }

    private static ObjectVoice op4(String guildId, String channelId) {
        return new ObjectVoice(guildId, channelId, true);
    }

    /** @param selfDeaf a self-deafened member receives no audio from the relay */
    private record ObjectVoice(String guildId, String channelId, boolean selfDeaf) {
        Map<String, Object> payload() {
            Map<String, Object> d = new HashMap<>();
            d.put("guild_id", guildId);
            d.put("channel_id", channelId);
            d.put("self_mute", false);
            d.put("self_deaf", selfDeaf);
            return Map.of("op", 4, "d", d);
        }
    }

    private static void send(GatewayClient gw, ObjectVoice request) {
        gw.sendRaw(dev.guildhall.core.support.ApiClient.json(request.payload()));
    }

    /** Sends op 4 and collects the answer: the dispatch types in order until VOICE_SERVER_UPDATE. */
    private static Joined join(GatewayClient gw, String guildId, String channelId) throws InterruptedException {
        return join(gw, new ObjectVoice(guildId, channelId, true));
    }

    private static Joined join(GatewayClient gw, ObjectVoice request) throws InterruptedException {
        send(gw, request);
        List<String> order = new ArrayList<>();
        JsonNode state = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode p = gw.next(Duration.ofMillis(200));
            if (p == null || p.path("op").asInt() != 0) {
                continue;
            }
            String t = p.path("t").asText();
            order.add(t);
            if (t.equals("VOICE_STATE_UPDATE")) {
                state = p.get("d");
            } else if (t.equals("VOICE_SERVER_UPDATE")) {
                return new Joined(state, p.get("d"), order);
            }
        }
        return new Joined(state, null, order);
    }

    private static String sessionId(GatewayClient gw) {
        return gw.sessionIdFromReady();
    }

    @Test
    void op4JoinsAnnouncesAndLeaves() throws Exception {
        GuildFixture g = new GuildFixture(server, "voice_owner", "Voice Guild");
        Account alice = g.member("voice_alice");
        Account bob = g.member("voice_bob");
        String voice = g.api.voiceChannel(g.owner, g.guildId);
        try (GatewayClient a = g.gateway(alice, INTENTS); GatewayClient b = g.gateway(bob, INTENTS)) {
            Joined joined = join(a, g.guildId, voice);
            assertThat(joined.order()).containsExactly("VOICE_STATE_UPDATE", "VOICE_SERVER_UPDATE");
            assertThat(joined.state().path("channel_id").asText()).isEqualTo(voice);
            assertThat(joined.state().path("user_id").asText()).isEqualTo(alice.userId());
            assertThat(joined.state().path("session_id").asText()).isEqualTo(sessionId(a));
            assertThat(joined.state().path("self_deaf").asBoolean()).isTrue();
            assertThat(joined.state().path("member").path("user").path("id").asText()).isEqualTo(alice.userId());
            assertThat(joined.serverUpdate().path("guild_id").asText()).isEqualTo(g.guildId);
            assertThat(joined.serverUpdate().path("token").asText()).hasSize(32);
            assertThat(joined.serverUpdate().path("endpoint").asText())
                    .isEqualTo("localhost:" + server.server().voiceGateway().port());

            JsonNode seen = b.nextDispatch("VOICE_STATE_UPDATE", WAIT);
            assertThat(seen.path("d").path("user_id").asText()).isEqualTo(alice.userId());
            assertThat(seen.path("d").path("channel_id").asText()).isEqualTo(voice);

            try (GatewayClient owner = GatewayClient.connect("ws://127.0.0.1:" + server.port()
                    + "/gateway/?v=10&encoding=json")) {
                owner.identify(g.owner.token(), INTENTS);
                JsonNode create = owner.nextDispatch("GUILD_CREATE", WAIT);
                assertThat(create.path("d").path("voice_states")).hasSize(1);
                assertThat(create.path("d").path("voice_states").get(0).path("user_id").asText())
                        .isEqualTo(alice.userId());
            }

            send(a, op4(g.guildId, null));
            JsonNode left = b.nextDispatch("VOICE_STATE_UPDATE", WAIT);
            assertThat(left.path("d").path("user_id").asText()).isEqualTo(alice.userId());
            assertThat(left.path("d").path("channel_id").isNull()).isTrue();
            assertThat(a.nextDispatch("VOICE_STATE_UPDATE", WAIT).path("d").path("channel_id").isNull()).isTrue();
        }
        List<EventEnvelope> events = KafkaEvents.awaitTypes(Topics.VOICE_SESSIONS, g.guildId, "voice.session.joined",
                "voice.session.left");
        VoiceSessionJoined j = EventCodec.payload(events.get(0), VoiceSessionJoined.class);
        assertThat(j.userId()).isEqualTo(alice.userId());
        assertThat(j.channelId()).isEqualTo(voice);
        VoiceSessionLeft l = EventCodec.payload(events.get(1), VoiceSessionLeft.class);
        assertThat(l.reason()).isEqualTo("left");
    }

    @Test
    void connectPermissionAndUserLimitAreEnforcedLikeDiscord() throws Exception {
        GuildFixture g = new GuildFixture(server, "limit_owner", "Limit Guild");
        Account alice = g.member("limit_alice");
        Account bob = g.member("limit_bob");
        String voice = g.api.voiceChannel(g.owner, g.guildId);
        assertThat(g.api.call("PATCH", "/api/v10/channels/" + voice, g.owner.auth(), "{\"user_limit\":1}").status())
                .isEqualTo(200);
        try (GatewayClient a = g.gateway(alice, INTENTS); GatewayClient b = g.gateway(bob, INTENTS);
             GatewayClient o = g.gateway(g.owner, INTENTS)) {
            assertThat(join(a, g.guildId, voice).serverUpdate()).isNotNull();
            b.drain();
            // full: bob gets neither event; the owner (MOVE_MEMBERS) may still join
            send(b, op4(g.guildId, voice));
            assertThat(b.nextDispatch("VOICE_SERVER_UPDATE", Duration.ofSeconds(2))).isNull();
            assertThat(join(o, g.guildId, voice).serverUpdate()).isNotNull();

            // CONNECT denied to @everyone: bob is refused even with room (alice leaves first)
            send(a, op4(g.guildId, null));
            assertThat(a.nextDispatch("VOICE_STATE_UPDATE", WAIT)).isNotNull();
            assertThat(g.api.call("PATCH", "/api/v10/channels/" + voice, g.owner.auth(), "{\"user_limit\":0}")
                    .status()).isEqualTo(200);
            assertThat(g.api.call("PUT", "/api/v10/channels/" + voice + "/permissions/" + g.guildId,
                    g.owner.auth(), "{\"type\":0,\"allow\":\"0\",\"deny\":\"1048576\"}").status()).isEqualTo(204);
            b.drain();
            send(b, op4(g.guildId, voice));
            assertThat(b.nextDispatch("VOICE_SERVER_UPDATE", Duration.ofSeconds(2))).isNull();
        }
    }

    @Test
    void voiceGatewayRelaysEncryptedAudioBetweenModes() throws Exception {
        GuildFixture g = new GuildFixture(server, "relay_owner", "Relay Guild");
        Account alice = g.member("relay_alice");
        Account bob = g.member("relay_bob");
        String voice = g.api.voiceChannel(g.owner, g.guildId);
        VoiceGateway gateway = server.server().voiceGateway();
        try (GatewayClient a = g.gateway(alice, INTENTS); GatewayClient b = g.gateway(bob, INTENTS)) {
            Joined ja = join(a, g.guildId, voice);
            Joined jb = join(b, new ObjectVoice(g.guildId, voice, false)); // bob listens
            String endpoint = ja.serverUpdate().path("endpoint").asText();
            try (DiscordVoiceClient va = new DiscordVoiceClient(endpoint, gateway.certificate());
                 DiscordVoiceClient vb = new DiscordVoiceClient(endpoint, gateway.certificate())) {
                JsonNode hello = va.next(8, WAIT);
                assertThat(hello.path("d").path("heartbeat_interval").asLong()).isPositive();
                JsonNode ready = va.identify(g.guildId, alice.userId(), sessionId(a),
                        ja.serverUpdate().path("token").asText());
                assertThat(ready.path("d").path("modes")).extracting(JsonNode::asText)
                        .containsExactly("aead_aes256_gcm_rtpsize", "aead_xchacha20_poly1305_rtpsize");
                assertThat(ready.path("d").path("ip").asText()).isEqualTo("127.0.0.1");
                assertThat(vb.identify(g.guildId, bob.userId(), sessionId(b), jb.serverUpdate().path("token").asText()))
                        .isNotNull();
                JsonNode connect = va.next(11, WAIT);
                assertThat(connect.path("d").path("user_ids").get(0).asText()).isEqualTo(bob.userId());

                InetSocketAddress selfA = va.discover();
                assertThat(selfA.getPort()).isPositive();
                InetSocketAddress selfB = vb.discover();
                JsonNode descA = va.selectProtocol(selfA, "aead_aes256_gcm_rtpsize");
                assertThat(descA.path("d").path("mode").asText()).isEqualTo("aead_aes256_gcm_rtpsize");
                assertThat(descA.path("d").path("secret_key")).hasSize(32);
                assertThat(vb.selectProtocol(selfB, "aead_xchacha20_poly1305_rtpsize")).isNotNull();

                va.send(5, Map.of("speaking", 1, "delay", 0, "ssrc", va.ssrc));
                JsonNode speaking = vb.next(5, WAIT);
                assertThat(speaking.path("d").path("user_id").asText()).isEqualTo(alice.userId());
                assertThat(speaking.path("d").path("ssrc").asLong()).isEqualTo(va.ssrc);
                assertThat(speaking.path("seq").asLong()).isPositive();

                // heartbeat with seq_ack → ack echoing the nonce
                va.send(3, Map.of("t", 1234567, "seq_ack", va.lastSeq));
                assertThat(va.next(6, WAIT).path("d").path("t").asLong()).isEqualTo(1234567);

                // 50 frames from alice (AES-GCM) arrive at bob re-encrypted with bob's key (XChaCha20-Poly1305)
                int frames = 50;
                int received = 0;
                for (int i = 0; i < frames; i++) {
                    byte[] opus = ("opus-" + i).getBytes();
                    va.sendOpus(opus);
                    va.nextFrame();
                    DiscordVoiceClient.Received r = vb.receive();
                    if (r != null) {
                        assertThat(r.ssrc()).isEqualTo(va.ssrc);
                        assertThat(r.opus()).isEqualTo(opus);
                        received++;
                    }
                }
                assertThat(received).isEqualTo(frames);
                // a replayed and a forged packet never arrive
                va.sendRawUdp(va.encryptedPacket("replay".getBytes())); // nonce not advanced: fresh, arrives
                assertThat(vb.receive()).isNotNull();
                va.sendRawUdp(va.encryptedPacket("replay".getBytes())); // same nonce again
                va.nextFrame();
                byte[] forged = va.encryptedPacket("forged".getBytes());
                forged[14] ^= 0x55;
                va.sendRawUdp(forged);
                assertThat(vb.receive()).isNull();
                VoiceRelayMetrics metrics = server.server().voiceRelay().metrics();
                assertThat(metrics.droppedCount(DropReason.REPLAYED)).isGreaterThanOrEqualTo(1);
                assertThat(metrics.droppedCount(DropReason.UNDECRYPTABLE)).isGreaterThanOrEqualTo(1);

                // statistics work on the decrypted stream
                server.server().voiceRelay().sampleNow();
                List<EventEnvelope> samples = KafkaEvents.read(Topics.VOICE_QUALITY, g.guildId,
                        list -> !list.isEmpty(), WAIT);
                VoiceQualitySample sample = EventCodec.payload(samples.get(0), VoiceQualitySample.class);
                assertThat(sample.ssrc()).isEqualTo(va.ssrc);
                assertThat(sample.packetsReceived()).isEqualTo(frames + 1);
                assertThat(sample.packetsLost()).isZero();

                // alice's socket drops; RESUME with seq_ack gets RESUMED and the missed SPEAKING of bob
                va.drop();
                vb.send(5, Map.of("speaking", 1, "delay", 0, "ssrc", vb.ssrc));
                Thread.sleep(300);
                try (DiscordVoiceClient again = new DiscordVoiceClient(endpoint, gateway.certificate())) {
                    again.next(8, WAIT);
                    again.send(7, Map.of("server_id", g.guildId, "session_id", sessionId(a), "token",
                            ja.serverUpdate().path("token").asText(), "seq_ack", va.lastSeq));
                    assertThat(again.next(9, WAIT)).isNotNull();
                    JsonNode missed = again.next(5, WAIT);
                    assertThat(missed.path("d").path("user_id").asText()).isEqualTo(bob.userId());

                    // leaving the channel (op 4 null) closes the voice connection with 4014; bob hears op 13
                    send(a, op4(g.guildId, null));
                    assertThat(again.closeCode(WAIT)).isEqualTo(4014);
                    assertThat(vb.next(13, WAIT).path("d").path("user_id").asText()).isEqualTo(alice.userId());
                }
            }
        }
    }

    /** The next VOICE_STATE_UPDATE telling that the user left (channel_id null), skipping others; null on timeout. */
    private static JsonNode nextLeave(GatewayClient gw, String userId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode p = gw.nextDispatch("VOICE_STATE_UPDATE", Duration.ofMillis(500));
            if (p != null && p.path("d").path("user_id").asText().equals(userId)
                    && p.path("d").path("channel_id").isNull()) {
                return p;
            }
        }
        return null;
    }

    @Test
    void sessionEndAndLeavingTheGuildEndVoiceStates() throws Exception {
        GuildFixture g = new GuildFixture(server, "end_owner", "End Guild");
        Account alice = g.member("end_alice");
        Account bob = g.member("end_bob");
        String voice = g.api.voiceChannel(g.owner, g.guildId);
        try (GatewayClient o = g.gateway(g.owner, INTENTS)) {
            GatewayClient a = g.gateway(alice, INTENTS);
            Joined ja = join(a, g.guildId, voice);
            assertThat(ja.serverUpdate()).isNotNull();
            try (DiscordVoiceClient va = new DiscordVoiceClient(ja.serverUpdate().path("endpoint").asText(),
                    server.server().voiceGateway().certificate())) {
                assertThat(va.identify(g.guildId, alice.userId(), sessionId(a),
                        ja.serverUpdate().path("token").asText())).isNotNull();
                o.drain();
                a.closeWith(1000); // ends the gateway session: its voice state goes, the voice connection too
                assertThat(nextLeave(o, alice.userId())).isNotNull();
                assertThat(va.closeCode(WAIT)).isEqualTo(4014);
                a.close();
            }
            try (GatewayClient b = g.gateway(bob, INTENTS)) {
                assertThat(join(b, g.guildId, voice).serverUpdate()).isNotNull();
                o.drain();
                assertThat(g.api.call("DELETE", g.guildPath() + "/members/" + bob.userId(), g.owner.auth(), null)
                        .status()).isEqualTo(204);
                assertThat(nextLeave(o, bob.userId())).isNotNull();
                // a malformed op 4 is a decode error on the main gateway
                GatewayClient c = g.gateway(g.owner, INTENTS);
                c.sendRaw("{\"op\":4,\"d\":{\"guild_id\":\"x\"}}");
                assertThat(c.closeCode(WAIT)).isEqualTo(4002);
                c.close();
            }
        }
        List<EventEnvelope> events = KafkaEvents.read(Topics.VOICE_SESSIONS, g.guildId, list -> list.stream()
                .filter(e -> e.type().equals("voice.session.left")).count() >= 2, Duration.ofSeconds(60));
        assertThat(events.stream().filter(e -> e.type().equals("voice.session.left"))
                .map(e -> EventCodec.payload(e, VoiceSessionLeft.class).reason()))
                .containsExactly("session_ended", "guild_left");
    }

    @Test
    void voiceGatewayCloseCodes() throws Exception {
        GuildFixture g = new GuildFixture(server, "codes_owner", "Codes Guild");
        Account alice = g.member("codes_alice");
        String voice = g.api.voiceChannel(g.owner, g.guildId);
        VoiceGateway gateway = server.server().voiceGateway();
        try (GatewayClient a = g.gateway(alice, INTENTS)) {
            Joined ja = join(a, g.guildId, voice);
            String endpoint = ja.serverUpdate().path("endpoint").asText();
            String token = ja.serverUpdate().path("token").asText();
            try (DiscordVoiceClient c = new DiscordVoiceClient(endpoint, gateway.certificate())) {
                c.send(1, Map.of("protocol", "udp"));
                assertThat(c.closeCode(WAIT)).isEqualTo(4003);
            }
            try (DiscordVoiceClient c = new DiscordVoiceClient(endpoint, gateway.certificate())) {
                c.identify(g.guildId, alice.userId(), sessionId(a), "not-the-token");
                assertThat(c.closeCode(WAIT)).isEqualTo(4004);
            }
            try (DiscordVoiceClient c = new DiscordVoiceClient(endpoint, gateway.certificate())) {
                c.identify("1", alice.userId(), sessionId(a), token);
                assertThat(c.closeCode(WAIT)).isEqualTo(4011);
            }
            try (DiscordVoiceClient c = new DiscordVoiceClient(endpoint, gateway.certificate())) {
                c.sendRaw("{not json");
                assertThat(c.closeCode(WAIT)).isEqualTo(4002);
            }
            try (DiscordVoiceClient c = new DiscordVoiceClient(endpoint, gateway.certificate())) {
                c.send(42, Map.of());
                assertThat(c.closeCode(WAIT)).isEqualTo(4001);
            }
            try (DiscordVoiceClient c = new DiscordVoiceClient(endpoint, gateway.certificate())) {
                c.send(7, Map.of("server_id", g.guildId, "session_id", "nope", "token", token, "seq_ack", 0));
                assertThat(c.closeCode(WAIT)).isEqualTo(4006);
            }
            try (DiscordVoiceClient c = new DiscordVoiceClient(endpoint, gateway.certificate())) {
                assertThat(c.identify(g.guildId, alice.userId(), sessionId(a), token)).isNotNull();
                c.send(0, Map.of("server_id", g.guildId, "user_id", alice.userId(), "session_id", sessionId(a),
                        "token", token));
                assertThat(c.closeCode(WAIT)).isEqualTo(4005);
            }
            try (DiscordVoiceClient c = new DiscordVoiceClient(endpoint, gateway.certificate())) {
                assertThat(c.identify(g.guildId, alice.userId(), sessionId(a), token)).isNotNull();
                c.send(1, Map.of("protocol", "tcp", "data", Map.of("mode", "aead_aes256_gcm_rtpsize")));
                assertThat(c.closeCode(WAIT)).isEqualTo(4012);
            }
            try (DiscordVoiceClient c = new DiscordVoiceClient(endpoint, gateway.certificate())) {
                assertThat(c.identify(g.guildId, alice.userId(), sessionId(a), token)).isNotNull();
                c.send(1, Map.of("protocol", "udp", "data", Map.of("address", "127.0.0.1", "port", 9,
                        "mode", "xsalsa20_poly1305")));
                assertThat(c.closeCode(WAIT)).isEqualTo(4016);
            }
        }
    }
}
