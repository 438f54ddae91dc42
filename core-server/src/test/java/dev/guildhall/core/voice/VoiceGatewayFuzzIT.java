package dev.guildhall.core.voice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.gateway.Intents;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.GatewayClient;
import dev.guildhall.core.support.GuildFixture;
import dev.guildhall.core.support.TestServer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed voice gateway payloads (before and after IDENTIFY) are answered with a documented voice close code or
 * ignored, never crash the voice gateway: after each, a fresh client still identifies.
 */
class VoiceGatewayFuzzIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Set<Integer> VOICE_CLOSE_CODES = Set.of(4001, 4002, 4003, 4004, 4005, 4006, 4009, 4011,
            4012, 4014, 4015, 4016, 4020, 4021, 4022);
    private static TestServer server;
    private static GatewayClient gateway;
    private static String guildId;
    private static Account member;
    private static String token;
    private static String endpoint;

    @BeforeContainer
    static void start() throws Exception {
        server = TestServer.start("voice_fuzz");
        GuildFixture g = new GuildFixture(server, "vfuzz_owner", "Voice Fuzz");
        member = g.member("vfuzz_member");
        guildId = g.guildId;
        gateway = g.gateway(member, Intents.GUILDS | Intents.GUILD_VOICE_STATES);
        Map<String, Object> d = new HashMap<>();
        d.put("guild_id", g.guildId);
        d.put("channel_id", g.api.voiceChannel(g.owner, g.guildId));
        d.put("self_mute", false);
        d.put("self_deaf", false);
        gateway.sendRaw(ApiClient.json(Map.of("op", 4, "d", d)));
        JsonNode update = gateway.nextDispatch("VOICE_SERVER_UPDATE", WAIT);
        token = update.path("d").path("token").asText();
        endpoint = update.path("d").path("endpoint").asText();
    }

    @AfterContainer
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Provide
    Arbitrary<String> payloads() {
        Arbitrary<String> ops = Arbitraries.integers().between(-2, 40).map(String::valueOf);
        Arbitrary<String> values = Arbitraries.of("null", "1", "-1", "\"x\"", "[]", "{}", "true", "1e999",
                "{\"t\":1,\"seq_ack\":\"x\"}", "{\"protocol\":\"udp\"}", "{\"protocol\":\"udp\",\"data\":{}}",
                "{\"protocol\":\"udp\",\"data\":{\"mode\":\"aead_aes256_gcm_rtpsize\",\"address\":\"::1\","
                        + "\"port\":70000}}", "{\"speaking\":\"loud\"}", "{\"server_id\":1,\"token\":[]}",
                "{\"server_id\":\"" + "9".repeat(30) + "\",\"session_id\":null,\"token\":\"t\",\"user_id\":\"1\"}");
        Arbitrary<String> wellFormed = ops.flatMap(op -> values.map(v -> "{\"op\":" + op + ",\"d\":" + v + "}"));
        Arbitrary<String> garbage = Arbitraries.strings().ofMaxLength(200);
        return Arbitraries.oneOf(wellFormed, wellFormed, garbage);
    }

    private static double closed(int code) {
        var counter = server.server().registry().find("guildhall.voice.gateway.closed")
                .tag("code", String.valueOf(code)).counter();
        return counter == null ? 0 : counter.count();
    }

    @Property(tries = 40)
    void malformedPayloadsNeverBreakTheVoiceGateway(@ForAll("payloads") String payload,
                                                    @ForAll boolean identifyFirst) throws Exception {
        VoiceGateway voice = server.server().voiceGateway();
        try (DiscordVoiceClient c = new DiscordVoiceClient(endpoint, voice.certificate())) {
            assertThat(c.next(8, WAIT)).isNotNull();
            if (identifyFirst) {
                assertThat(c.identify(guildId, member.userId(), gateway.sessionIdFromReady(), token)).isNotNull();
            }
            c.sendRaw(payload);
            Integer code = c.closeCode(Duration.ofMillis(300));
            if (code != null) {
                assertThat(code).as(payload).isIn(VOICE_CLOSE_CODES);
                assertThat(closed(code)).as("closes counted by code").isPositive();
            }
        }
        try (DiscordVoiceClient check = new DiscordVoiceClient(endpoint, voice.certificate())) {
            assertThat(check.identify(guildId, member.userId(), gateway.sessionIdFromReady(), token))
                    .as("a fresh client still identifies after " + payload).isNotNull();
        }
    }
}
