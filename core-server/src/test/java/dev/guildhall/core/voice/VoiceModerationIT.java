package dev.guildhall.core.voice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.gateway.Intents;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.GatewayClient;
import dev.guildhall.core.support.GuildFixture;
import dev.guildhall.core.support.KafkaEvents;
import dev.guildhall.core.support.TestServer;
import dev.guildhall.core.support.VoiceJoins;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.ChannelUpdated;
import dev.guildhall.events.payload.ModerationAction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main gateway's voice moderation over real sockets: a voice channel's {@code rtc_region} (validated against
 * {@code GET /voice/regions}, CHANNEL_UPDATE, a new VOICE_SERVER_UPDATE for members in it), {@code suppress} without
 * SPEAK, and PATCH member {@code mute}/{@code deaf}/{@code channel_id} (VOICE_STATE_UPDATE, VOICE_SERVER_UPDATE to
 * the moved member, 40032, audit entries 24/26/27 with the reason, {@code moderation.action} events).
 */
class VoiceModerationIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int INTENTS = Intents.GUILDS | Intents.GUILD_VOICE_STATES;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        KafkaEvents.createTopics(Topics.MODERATION, Topics.GUILDS);
        server = TestServer.start("voice_moderation");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The next dispatch of the type that matches, skipping others. */
    private static JsonNode dispatch(GatewayClient gw, String type, Predicate<JsonNode> data)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode p = gw.nextDispatch(type, Duration.ofMillis(Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            if (p != null && data.test(p.get("d"))) {
                return p.get("d");
            }
        }
        throw new AssertionError("no matching " + type);
    }

    private static Response patch(GuildFixture g, String path, Account as, String body) {
        return g.api.call("PATCH", path, as.auth(), body);
    }

    @Test
    void rtcRegionIsValidatedStoredAndMovesTheMembersOfTheChannel() throws Exception {
        GuildFixture g = new GuildFixture(server, "rtc_owner", "RTC Guild");
        Account alice = g.member("rtc_alice");
        JsonNode regions = g.api.get("/api/v10/voice/regions", alice.auth()).body();
        assertThat(regions).hasSize(1);
        assertThat(regions.get(0).path("id").asText()).isEqualTo("local");
        assertThat(regions.get(0).path("optimal").asBoolean()).isTrue();
        assertThat(g.api.get(g.guildPath() + "/regions", alice.auth()).body()).isEqualTo(regions);

        Response unknown = g.api.post(g.guildPath() + "/channels", g.owner.auth(),
                Map.of("name", "Raid", "type", 2, "rtc_region", "mars"));
        assertThat(unknown.status()).as(unknown.raw()).isEqualTo(400);
        assertThat(unknown.body().at("/errors/rtc_region/_errors/0/code").asText()).isEqualTo("BASE_TYPE_CHOICES");
        Response raid = g.api.post(g.guildPath() + "/channels", g.owner.auth(),
                Map.of("name", "Raid", "type", 2, "rtc_region", "local"));
        assertThat(raid.body().path("rtc_region").asText()).isEqualTo("local");

        String general = g.api.voiceChannel(g.owner, g.guildId);
        String channelPath = "/api/v10/channels/" + general;
        assertThat(g.api.get(channelPath, alice.auth()).body().path("rtc_region").isNull()).isTrue();
        try (GatewayClient a = g.gateway(alice, INTENTS)) {
            String firstToken = VoiceJoins.join(a, g.guildId, general).path("token").asText();
            Response set = patch(g, channelPath, g.owner, "{\"rtc_region\":\"local\"}");
            assertThat(set.body().path("rtc_region").asText()).as(set.raw()).isEqualTo("local");
            JsonNode update = dispatch(a, "CHANNEL_UPDATE", d -> d.path("id").asText().equals(general));
            assertThat(update.path("rtc_region").asText()).isEqualTo("local");
            JsonNode moved = a.nextDispatch("VOICE_SERVER_UPDATE", WAIT);
            assertThat(moved).as("a new voice server for the new region").isNotNull();
            assertThat(moved.at("/d/token").asText()).isNotEqualTo(firstToken);
            assertThat(g.api.get(channelPath, alice.auth()).body().path("rtc_region").asText()).isEqualTo("local");

            Predicate<List<EventEnvelope>> regionChanged = events -> events.stream()
                    .filter(e -> e.type().equals("channel.updated"))
                    .anyMatch(e -> EventCodec.payload(e, ChannelUpdated.class).changed().contains("rtc_region"));
            assertThat(regionChanged.test(KafkaEvents.read(Topics.GUILDS, g.guildId, regionChanged, WAIT)))
                    .as("channel.updated with rtc_region in changed").isTrue();
            assertThat(patch(g, channelPath, g.owner, "{\"rtc_region\":\"mars\"}").status()).isEqualTo(400);
            assertThat(patch(g, channelPath, g.owner, "{\"rtc_region\":null}").body().path("rtc_region").isNull())
                    .isTrue();
        }

        // no SPEAK in a channel: the voice state is suppressed there
        Response quiet = g.api.post(g.guildPath() + "/channels", g.owner.auth(), Map.of("name", "Library", "type", 2,
                "permission_overwrites", List.of(Map.of("id", g.guildId, "type", 0, "allow", "0",
                        "deny", Long.toString(Permissions.SPEAK)))));
        try (GatewayClient a = g.gateway(alice, INTENTS)) {
            VoiceJoins.send(a, g.guildId, quiet.body().path("id").asText());
            JsonNode state = dispatch(a, "VOICE_STATE_UPDATE", d -> d.path("user_id").asText().equals(alice.userId()));
            assertThat(state.path("suppress").asBoolean()).isTrue();
            assertThat(state.path("mute").asBoolean()).isFalse();
        }
    }

    @Test
    void moderatorsMuteDeafenMoveAndDisconnectMembers() throws Exception {
        GuildFixture g = new GuildFixture(server, "vm_owner", "Voice Moderation");
        Account target = g.member("vm_target");
        Account mod = g.member("vm_mod");
        g.grant(mod, g.role("voice mods", Permissions.MUTE_MEMBERS | Permissions.DEAFEN_MEMBERS
                | Permissions.MOVE_MEMBERS));
        String general = g.api.voiceChannel(g.owner, g.guildId);
        String afk = g.api.post(g.guildPath() + "/channels", g.owner.auth(), Map.of("name", "AFK", "type", 2))
                .str("id");
        String member = g.guildPath() + "/members/" + target.userId();
        Response notConnected = patch(g, member, mod, "{\"mute\":true}");
        assertThat(notConnected.status()).isEqualTo(400);
        assertThat(notConnected.body().path("code").asInt()).isEqualTo(40032);

        try (GatewayClient t = g.gateway(target, INTENTS); GatewayClient m = g.gateway(mod, INTENTS)) {
            VoiceJoins.join(t, g.guildId, general);
            Predicate<JsonNode> ofTarget = d -> d.path("user_id").asText().equals(target.userId());

            Response muted = g.withReason("PATCH", member, mod.auth(), "{\"mute\":true}", "too%20loud");
            assertThat(muted.status()).as(muted.raw()).isEqualTo(200);
            assertThat(muted.body().path("mute").asBoolean()).isTrue();
            JsonNode state = dispatch(m, "VOICE_STATE_UPDATE", ofTarget.and(d -> d.path("mute").asBoolean()));
            assertThat(state.path("channel_id").asText()).isEqualTo(general);
            assertThat(state.path("deaf").asBoolean()).isFalse();
            assertThat(patch(g, member, mod, "{\"deaf\":true}").body().path("deaf").asBoolean()).isTrue();
            dispatch(m, "VOICE_STATE_UPDATE", ofTarget.and(d -> d.path("deaf").asBoolean()));

            assertThat(g.withReason("PATCH", member, mod.auth(), "{\"channel_id\":\"" + afk + "\"}", "afk").status())
                    .isEqualTo(200);
            state = dispatch(m, "VOICE_STATE_UPDATE", ofTarget.and(d -> d.path("channel_id").asText().equals(afk)));
            assertThat(state.path("mute").asBoolean()).as("server mute follows the member").isTrue();
            assertThat(t.nextDispatch("VOICE_SERVER_UPDATE", WAIT)).as("the moved member's new connection")
                    .isNotNull();

            assertThat(patch(g, member, mod, "{\"channel_id\":null}").status()).isEqualTo(200);
            dispatch(m, "VOICE_STATE_UPDATE", ofTarget.and(d -> d.path("channel_id").isNull()));
            assertThat(patch(g, member, mod, "{\"channel_id\":\"" + general + "\"}").body().path("code").asInt())
                    .isEqualTo(40032);

            // server mute and deafen stay on the member: the next join carries them
            VoiceJoins.send(t, g.guildId, general);
            state = dispatch(t, "VOICE_STATE_UPDATE", ofTarget.and(d -> d.path("channel_id").asText().equals(general)));
            assertThat(state.path("mute").asBoolean()).isTrue();
            assertThat(state.path("deaf").asBoolean()).isTrue();
        }

        JsonNode update = auditEntry(g, 24, "mute");
        assertThat(update.path("target_id").asText()).isEqualTo(target.userId());
        assertThat(update.path("user_id").asText()).isEqualTo(mod.userId());
        assertThat(update.path("reason").asText()).isEqualTo("too loud");
        assertThat(update.at("/changes/0/new_value").asBoolean()).isTrue();
        JsonNode move = auditEntry(g, 26, null);
        assertThat(move.at("/options/channel_id").asText()).isEqualTo(afk);
        assertThat(move.at("/options/count").asText()).isEqualTo("1");
        assertThat(move.path("reason").asText()).isEqualTo("afk");
        assertThat(auditEntry(g, 27, null).at("/options/count").asText()).isEqualTo("1");

        List<EventEnvelope> events = KafkaEvents.awaitTypes(Topics.MODERATION, g.guildId, "moderation.action",
                "moderation.action", "moderation.action", "moderation.action");
        assertThat(events.stream().map(e -> EventCodec.payload(e, ModerationAction.class))
                .filter(a -> a.targetId().equals(target.userId())).map(ModerationAction::action))
                .contains(ModerationAction.VOICE_MUTE, ModerationAction.VOICE_DEAFEN, ModerationAction.VOICE_MOVE,
                        ModerationAction.VOICE_DISCONNECT);
    }

    /** The newest audit entry of the action type (with a change of {@code key} when given). */
    private static JsonNode auditEntry(GuildFixture g, int actionType, String key) {
        JsonNode log = g.api.get(g.guildPath() + "/audit-logs?action_type=" + actionType, g.owner.auth()).body();
        for (JsonNode e : log.path("audit_log_entries")) {
            if (key == null || e.at("/changes/0/key").asText().equals(key)) {
                return e;
            }
        }
        throw new AssertionError("no audit entry " + actionType + " in " + log);
    }
}
