package dev.guildhall.core.support;

import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;

/**
 * Unmodified JDA pointed at a test server, as DESIGN.md measured it: JDA never asks {@code GET /gateway/bot} for the
 * gateway URL, so a session controller supplies it, and REST goes to the server's {@code /api/v10/}.
 */
public final class JdaClients {
    private JdaClients() {
    }

    /** A light JDA builder for the bot token with the given intents; callers add compression and listeners. */
    public static JDABuilder pointedAt(TestServer server, String botToken, GatewayIntent intent,
                                       GatewayIntent... moreIntents) {
        String gateway = "ws://127.0.0.1:" + server.port() + "/gateway";
        return JDABuilder.createLight(botToken, intent, moreIntents)
                .setSessionController(new ConcurrentSessionController() {
                    @Override
                    public String getGateway() {
                        return gateway;
                    }
                })
                .setRestConfig(new RestConfig().setBaseUrl(server.baseUrl() + "/api/v10/"));
    }
}
