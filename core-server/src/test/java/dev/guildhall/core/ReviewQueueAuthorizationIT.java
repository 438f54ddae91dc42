package dev.guildhall.core;

import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.reviewqueue.ReviewQueueRoutes;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.GuildFixture;
import dev.guildhall.core.support.RouteMatrix;
import dev.guildhall.core.support.RouteMatrix.Row;
import dev.guildhall.core.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.guildhall.core.support.RouteMatrix.req;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authorization matrix of every review-queue route (MANAGE_MESSAGES or MODERATE_MEMBERS; the decisions export
 * MANAGE_GUILD), plus the member actions' own permissions: timeout needs MODERATE_MEMBERS, kick KICK_MEMBERS, ban
 * BAN_MEMBERS besides the queue permission. Fails when a route has no row.
 */
class ReviewQueueAuthorizationIT {
    private static final AtomicInteger N = new AtomicInteger();
    private static TestServer server;
    private static GuildFixture g;
    private static Account author;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_review_queue_authz");
        g = new GuildFixture(server, "rqauthzowner", "Review Queue Authz Guild");
        Response rule = g.api.call("POST", g.guildPath() + "/auto-moderation/rules", g.owner.auth(),
                "{\"name\":\"queue\",\"event_type\":1,\"trigger_type\":1,\"enabled\":true,"
                        + "\"trigger_metadata\":{\"keyword_filter\":[\"flagme\"]},\"actions\":[{\"type\":100}]}");
        assertThat(rule.status()).as(rule.raw()).isEqualTo(200);
        author = g.member("rqauthzauthor");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String queue() {
        return g.guildPath() + "/auto-moderation/queue";
    }

    /** A fresh pending item: the author posts a flagged message; returns the item's path. */
    private static String item() {
        return queue() + "/" + flag(author);
    }

    /** The item id of a flagged message by the account. */
    static String flag(Account by) {
        Response sent = g.api.sendMessage(by.auth(), g.channelId, "please flagme " + N.incrementAndGet());
        assertThat(sent.status()).as(sent.raw()).isEqualTo(200);
        Response list = g.api.get(queue() + "?author_id=" + by.userId() + "&limit=1", g.owner.auth());
        assertThat(list.status()).as(list.raw()).isEqualTo(200);
        assertThat(list.body().at("/items/0/message_id").asText()).as(list.raw()).isEqualTo(sent.str("id"));
        return list.body().at("/items/0/id").asText();
    }

    @Test
    void everyReviewQueueRouteHasARowAndEachCallerGetsTheDocumentedAnswer() {
        long moderate = Permissions.MANAGE_MESSAGES;
        RouteMatrix.verify(g, RouteMatrix.registered(r -> ReviewQueueRoutes.register(r, null)), List.of(
                Row.needs("GET", "/guilds/{guild_id}/auto-moderation/queue", moderate, 200, a -> req(queue())),
                Row.needs("GET", "/guilds/{guild_id}/auto-moderation/queue/{item_id}", moderate, 200,
                        a -> req(item())),
                Row.needs("GET", "/guilds/{guild_id}/auto-moderation/queue/decisions.tsv", Permissions.MANAGE_GUILD,
                        200, a -> req(queue() + "/decisions.tsv")),
                Row.needs("POST", "/guilds/{guild_id}/auto-moderation/queue/{item_id}/claim", moderate, 200,
                        a -> req(item() + "/claim")),
                Row.needs("DELETE", "/guilds/{guild_id}/auto-moderation/queue/{item_id}/claim", moderate, 204,
                        a -> req(item() + "/claim")),
                Row.needs("POST", "/guilds/{guild_id}/auto-moderation/queue/{item_id}/resolve", moderate, 200,
                        a -> req(item() + "/resolve", "{\"action\":\"remove\",\"reason\":\"matrix\"}")),
                Row.needs("POST", "/guilds/{guild_id}/auto-moderation/queue/bulk-resolve", moderate, 200,
                        a -> req(queue() + "/bulk-resolve", "{\"action\":\"approve\",\"item_ids\":[\""
                                + flag(author) + "\"]}"))));
    }

    @Test
    void moderateMembersAloneIsEnoughToReadClaimAndRemove() {
        Account timeouts = g.member("rqtimeouts");
        g.grant(timeouts, g.role("rq-timeouts", Permissions.MODERATE_MEMBERS));
        String path = item();
        assertThat(g.api.get(queue(), timeouts.auth()).status()).isEqualTo(200);
        assertThat(g.api.call("POST", path + "/claim", timeouts.auth(), null).status()).isEqualTo(200);
        Response removed = g.api.call("POST", path + "/resolve", timeouts.auth(), "{\"action\":\"remove\"}");
        assertThat(removed.status()).as(removed.raw()).isEqualTo(200);
        assertThat(removed.body().at("/resolution/action").asText()).isEqualTo("remove");
    }

    @Test
    void memberActionsNeedTheirOwnPermissionBesidesTheQueuePermission() {
        Account messages = g.member("rqmsgmod");
        g.grant(messages, g.role("rq-messages", Permissions.MANAGE_MESSAGES));
        Account full = g.member("rqfullmod");
        g.grant(full, g.role("rq-full", Permissions.MANAGE_MESSAGES | Permissions.MODERATE_MEMBERS
                | Permissions.KICK_MEMBERS | Permissions.BAN_MEMBERS));
        // the kick and ban permissions without a queue permission
        Account kicker = g.member("rqkicker");
        g.grant(kicker, g.role("rq-kickers", Permissions.KICK_MEMBERS | Permissions.BAN_MEMBERS));
        for (String body : List.of("{\"action\":\"timeout\",\"duration_seconds\":60}", "{\"action\":\"kick\"}",
                "{\"action\":\"ban\"}")) {
            Account target = g.member("rqtarget");
            String path = queue() + "/" + flag(target);
            RouteMatrix.expect(body + " by MANAGE_MESSAGES only", g.api.call("POST", path + "/resolve",
                    messages.auth(), body), RouteMatrix.Expect.error(403, 50013));
            RouteMatrix.expect(body + " without a queue permission", g.api.call("POST", path + "/resolve",
                    kicker.auth(), body), RouteMatrix.Expect.error(403, 50013));
            Response pending = g.api.get(path, g.owner.auth());
            assertThat(pending.body().path("status").asText()).as("refused: still pending").isEqualTo("pending");
            assertThat(pending.body().path("claim").isNull()).as("refused: nothing claimed").isTrue();
            Response done = g.api.call("POST", path + "/resolve", full.auth(), body);
            assertThat(done.status()).as(body + ": " + done.raw()).isEqualTo(200);
        }
    }
}
