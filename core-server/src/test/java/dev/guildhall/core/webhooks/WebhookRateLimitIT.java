package dev.guildhall.core.webhooks;

import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook executes are limited per webhook, like Discord: every caller of one webhook shares its bucket, with or
 * without an Authorization header, and another webhook has its own.
 */
class WebhookRateLimitIT {
    private static TestServer server;
    private static ApiClient api;
    private static Account owner;
    private static String channelId;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_webhook_ratelimit",
                Map.of("ratelimit.routes", "POST /webhooks/{webhook_id}/{webhook_token} 2/60000"));
        api = server.client();
        owner = api.register("whrl");
        String guildId = api.createGuild(owner, "Webhook Limits").get("id").asText();
        channelId = api.textChannel(owner, guildId);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String hook(String name) {
        Response r = api.post("/api/v10/channels/" + channelId + "/webhooks", owner.auth(), Map.of("name", name));
        return "/api/v10/webhooks/" + r.str("id") + "/" + r.str("token");
    }

    @Test
    void executesShareTheWebhooksBucketWhoeverSendsThem() {
        String first = hook("First");
        assertThat(api.post(first, null, Map.of("content", "1")).status()).isEqualTo(204);
        assertThat(api.post(first, owner.auth(), Map.of("content", "2")).status()).isEqualTo(204);
        Response limited = api.post(first, null, Map.of("content", "3"));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body().path("retry_after").asDouble()).isPositive();
        assertThat(limited.body().path("global").asBoolean()).isFalse();
        assertThat(api.post(hook("Second"), null, Map.of("content", "1")).status()).isEqualTo(204);
    }
}
