package dev.guildhall.core.jda;

import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.GuildFixture;
import dev.guildhall.core.support.JdaClients;
import dev.guildhall.core.support.JdaEventRecorder;
import dev.guildhall.core.support.TestServer;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.automod.AutoModExecution;
import net.dv8tion.jda.api.entities.automod.AutoModResponse;
import net.dv8tion.jda.api.entities.automod.AutoModRule;
import net.dv8tion.jda.api.entities.automod.AutoModTriggerType;
import net.dv8tion.jda.api.entities.automod.build.AutoModRuleData;
import net.dv8tion.jda.api.entities.automod.build.TriggerConfig;
import net.dv8tion.jda.api.events.automod.AutoModExecutionEvent;
import net.dv8tion.jda.api.events.automod.AutoModRuleCreateEvent;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.Compression;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unmodified JDA 5.6.1 as an AutoMod bot: it creates a keyword rule through JDA's own API (AutoModRuleCreateEvent
 * follows), lists it, and receives AutoModExecutionEvent when a member's message is blocked.
 */
class JdaAutoModIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int GATEWAY_MESSAGE_CONTENT = 1 << 18;

    private static TestServer server;
    private static ApiClient api;
    private static GuildFixture g;
    private static String botToken;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_jda_automod");
        api = server.client();
        g = new GuildFixture(server, "jdaamowner", "JDA AutoMod Guild");
        Response app = api.post("/api/v10/applications", g.owner.auth(),
                Map.of("name", "AutoMod Bot", "flags", GATEWAY_MESSAGE_CONTENT));
        assertThat(app.status()).as(app.raw()).isEqualTo(201);
        botToken = app.body().at("/bot/token").asText();
        String botId = app.body().at("/bot/id").asText();
        api.invite(g.owner, g.channelId, "Bot " + botToken);
        String managers = g.role("AutoMod Managers", Permissions.MANAGE_GUILD);
        Response grant = api.call("PUT", g.guildPath() + "/members/" + botId + "/roles/" + managers, g.owner.auth(),
                null);
        assertThat(grant.status()).as(grant.raw()).isEqualTo(204);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aJdaBotCreatesAKeywordRuleAndSeesTheBlockedMessage() throws Exception {
        Account member = g.member("jdaamspeaker");
        JdaEventRecorder recorder = new JdaEventRecorder(WAIT);
        JDA jda = JdaClients.pointedAt(server, botToken, GatewayIntent.AUTO_MODERATION_CONFIGURATION,
                        GatewayIntent.AUTO_MODERATION_EXECUTION, GatewayIntent.MESSAGE_CONTENT)
                .setCompression(Compression.NONE)
                .addEventListeners(recorder)
                .build()
                .awaitReady();
        try {
            Guild guild = jda.getGuildById(g.guildId);
            assertThat(guild).isNotNull();
            AutoModRule rule = guild.createAutoModRule(AutoModRuleData.onMessage("JDA words",
                            TriggerConfig.keywordFilter("forbidden"))
                    .putResponses(AutoModResponse.blockMessage("Not in this server")))
                    .reason("made by JDA").complete();
            assertThat(rule.getName()).isEqualTo("JDA words");
            assertThat(rule.getTriggerType()).isEqualTo(AutoModTriggerType.KEYWORD);
            assertThat(rule.getFilteredKeywords()).containsExactly("forbidden");
            assertThat(rule.isEnabled()).isTrue();
            AutoModRuleCreateEvent created = recorder.await(AutoModRuleCreateEvent.class,
                    e -> e.getRule().getId().equals(rule.getId()));
            assertThat(created.getRule().getCreatorIdLong()).isEqualTo(jda.getSelfUser().getIdLong());
            List<AutoModRule> rules = guild.retrieveAutoModRules().complete();
            assertThat(rules).extracting(AutoModRule::getId).containsExactly(rule.getId());

            Response blocked = api.sendMessage(member.auth(), g.channelId, "that is forbidden here");
            assertThat(blocked.body().get("code").asInt()).as(blocked.raw()).isEqualTo(200000);

            AutoModExecutionEvent event = recorder.await(AutoModExecutionEvent.class,
                    e -> e.getRuleId().equals(rule.getId()));
            AutoModExecution execution = event;
            assertThat(execution.getGuild().getId()).isEqualTo(g.guildId);
            assertThat(execution.getUserId()).isEqualTo(member.userId());
            assertThat(execution.getChannel()).isNotNull();
            assertThat(execution.getChannel().getId()).isEqualTo(g.channelId);
            assertThat(execution.getMessageIdLong()).as("blocked: no message").isZero();
            assertThat(execution.getTriggerType()).isEqualTo(AutoModTriggerType.KEYWORD);
            assertThat(execution.getResponse().getType()).isEqualTo(AutoModResponse.Type.BLOCK_MESSAGE);
            assertThat(execution.getResponse().getCustomMessage()).isEqualTo("Not in this server");
            assertThat(execution.getContent()).isEqualTo("that is forbidden here");
            assertThat(execution.getMatchedKeyword()).isEqualTo("forbidden");
            assertThat(execution.getMatchedContent()).isEqualTo("forbidden");

            guild.deleteAutoModRuleById(rule.getId()).complete();
            assertThat(guild.retrieveAutoModRules().complete()).isEmpty();
        } finally {
            jda.shutdownNow();
            jda.awaitShutdown(10, TimeUnit.SECONDS);
        }
    }
}
