package dev.guildhall.core;

import dev.guildhall.core.messages.AttachmentRoutes;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.GuildFixture;
import dev.guildhall.core.support.RouteMatrix;
import dev.guildhall.core.support.RouteMatrix.Row;
import dev.guildhall.core.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.guildhall.core.support.RouteMatrix.req;
import static org.assertj.core.api.Assertions.assertThat;

/** Authorization matrix of the attachment file route: reading a file is reading the channel's history. */
class AttachmentAuthorizationIT {
    private static TestServer server;
    private static GuildFixture g;
    private static String url;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_attachment_authz");
        g = new GuildFixture(server, "attauthzowner", "Attachment Authz");
        String boundary = "authzBoundary";
        Response sent = g.api.call("POST", "/api/v10/channels/" + g.channelId + "/messages", g.owner.auth(),
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=\"a.txt\"\r\n"
                        + "Content-Type: text/plain\r\n\r\nsecret plans\r\n--" + boundary + "--\r\n",
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
        assertThat(sent.status()).as(sent.raw()).isEqualTo(200);
        url = sent.body().at("/attachments/0/url").asText();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theFileRouteNeedsReadMessageHistoryInTheChannel() {
        RouteMatrix.verify(g, RouteMatrix.registered(r -> AttachmentRoutes.register(r, null)), List.of(
                Row.needs("GET", "/attachments/{channel_id}/{attachment_id}/{filename}",
                        Permissions.READ_MESSAGE_HISTORY, 200, a -> req(url)).fromEveryone()));
    }
}
