package dev.guildhall.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.messages.MessageService;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.GatewayClient;
import dev.guildhall.core.support.TestServer;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.MessageDeleted;
import dev.guildhall.events.payload.MessageUpdated;
import dev.guildhall.events.payload.ReactionAdded;
import dev.guildhall.events.payload.ReactionRemoved;
import dev.guildhall.testkit.Engines;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messages beyond create over plain HTTP and WebSocket: get, list with around, edit, delete, reactions and typing,
 * their error codes, their gateway dispatches (with intent filtering) and their events on Kafka.
 */
class MessageActionsIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration QUIET = Duration.ofMillis(700);
    private static final int GUILDS = 1;
    private static final int GUILD_MESSAGES = 1 << 9;
    private static final int GUILD_MESSAGE_REACTIONS = 1 << 10;
    private static final int GUILD_MESSAGE_TYPING = 1 << 11;
    private static final String THUMBS = "👍";

    private static TestServer server;
    private static ApiClient api;
    private static Account owner;
    private static Account member;
    private static String guildId;
    private static String channelId;

    @BeforeAll
    static void start() throws Exception {
        Engines.kafka().createTopic(Topics.MESSAGES, 3);
        server = TestServer.start("core_msg_actions");
        api = server.client();
        owner = api.register("actowner");
        member = api.register("actmember");
        guildId = api.createGuild(owner, "Actions Guild").get("id").asText();
        channelId = api.textChannel(owner, guildId);
        api.invite(owner, channelId, member.auth());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String path(String messageId) {
        return "/api/v10/channels/" + channelId + "/messages/" + messageId;
    }

    private static String reactions(String messageId, String emoji) {
        return path(messageId) + "/reactions/" + URLEncoder.encode(emoji, StandardCharsets.UTF_8);
    }

    private static String post(Account who, String content) {
        Response r = api.sendMessage(who.auth(), channelId, content);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.str("id");
    }

    private static void assertError(Response r, int status, int code) {
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        assertThat(r.body().get("code").asInt()).as(r.raw()).isEqualTo(code);
    }

    private static GatewayClient session(String token, int intents) throws InterruptedException {
        GatewayClient gw = GatewayClient.connect("ws://127.0.0.1:" + server.port() + "/gateway/?v=10&encoding=json");
        assertThat(gw.next(WAIT).get("op").asInt()).isEqualTo(10);
        gw.identify(token, intents);
        assertThat(gw.nextDispatch("READY", WAIT)).isNotNull();
        assertThat(gw.nextDispatch("GUILD_CREATE", WAIT)).isNotNull();
        return gw;
    }

    @Test
    void editSetsEditedTimestampAndOnlyTheAuthorMayEdit() {
        String id = post(owner, "first draft");
        Response edited = api.call("PATCH", path(id), owner.auth(), "{\"content\":\"second draft\",\"embeds\":[]}");
        assertThat(edited.status()).as(edited.raw()).isEqualTo(200);
        assertThat(edited.str("content")).isEqualTo("second draft");
        OffsetDateTime editedAt = OffsetDateTime.parse(edited.str("edited_timestamp"));
        assertThat(editedAt).isAfterOrEqualTo(OffsetDateTime.parse(edited.str("timestamp")));
        Response read = api.get(path(id), member.auth());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.str("content")).isEqualTo("second draft");
        assertThat(read.str("edited_timestamp")).isEqualTo(edited.str("edited_timestamp"));

        Response notAuthor = api.call("PATCH", path(id), member.auth(), "{\"content\":\"hijack\"}");
        assertError(notAuthor, 403, 50005);
        assertThat(notAuthor.str("message")).isEqualTo("Cannot edit a message authored by another user");

        assertError(api.call("PATCH", path("123456789012345678"), owner.auth(), "{\"content\":\"x\"}"), 404, 10008);
        assertError(api.call("PATCH", path(id), owner.auth(), "{\"content\":\"\"}"), 400, 50006);

        Response oversize = api.call("PATCH", path(id), owner.auth(),
                ApiClient.json(Map.of("content", "x".repeat(2001))));
        assertError(oversize, 400, 50035);
        assertThat(oversize.body().at("/errors/content/_errors/0/code").asText()).isEqualTo("BASE_TYPE_MAX_LENGTH");
        assertThat(api.get(path(id), owner.auth()).str("content")).isEqualTo("second draft");
        // exactly 2000 characters (code points) is fine
        Response max = api.call("PATCH", path(id), owner.auth(), ApiClient.json(Map.of("content", "é".repeat(2000))));
        assertThat(max.status()).as(max.raw()).isEqualTo(200);
    }

    @Test
    void deleteByAuthorOrWithManageMessages() {
        String byOwner = post(owner, "owner's words");
        String byMember = post(member, "member's words");
        assertError(api.call("DELETE", path(byOwner), member.auth(), null), 403, 50013);
        assertThat(api.get(path(byOwner), owner.auth()).status()).isEqualTo(200);

        Response own = api.call("DELETE", path(byMember), member.auth(), null);
        assertThat(own.status()).as(own.raw()).isEqualTo(204);
        assertError(api.get(path(byMember), owner.auth()), 404, 10008);
        assertError(api.call("DELETE", path(byMember), member.auth(), null), 404, 10008);

        // the owner has every permission, MANAGE_MESSAGES included
        String another = post(member, "moderated");
        assertThat(api.call("DELETE", path(another), owner.auth(), null).status()).isEqualTo(204);
        assertError(api.get(path(another), member.auth()), 404, 10008);
        // no token
        assertThat(api.call("DELETE", path(byOwner), null, null).status()).isEqualTo(401);
    }

    @Test
    void reactionsAddListRemoveWithUnicodeAndCustomEmoji() {
        String id = post(owner, "react to me");
        assertThat(api.call("PUT", reactions(id, THUMBS) + "/@me", owner.auth(), null).status()).isEqualTo(204);
        assertThat(api.call("PUT", reactions(id, THUMBS) + "/@me", member.auth(), null).status()).isEqualTo(204);
        // twice is a no-op
        assertThat(api.call("PUT", reactions(id, THUMBS) + "/@me", member.auth(), null).status()).isEqualTo(204);
        assertThat(api.call("PUT", reactions(id, "blobwave:112233445566778899") + "/@me", member.auth(), null)
                .status()).isEqualTo(204);

        JsonNode seenByOwner = api.get(path(id), owner.auth()).body().get("reactions");
        assertThat(seenByOwner.size()).isEqualTo(2);
        assertThat(seenByOwner.get(0).get("count").asInt()).isEqualTo(2);
        assertThat(seenByOwner.get(0).get("me").asBoolean()).isTrue();
        assertThat(seenByOwner.get(0).get("me_burst").asBoolean()).isFalse();
        assertThat(seenByOwner.get(0).at("/count_details/normal").asInt()).isEqualTo(2);
        assertThat(seenByOwner.get(0).at("/count_details/burst").asInt()).isZero();
        assertThat(seenByOwner.get(0).get("burst_colors").isArray()).isTrue();
        assertThat(seenByOwner.get(0).at("/emoji/id").isNull()).isTrue();
        assertThat(seenByOwner.get(0).at("/emoji/name").asText()).isEqualTo(THUMBS);
        assertThat(seenByOwner.get(1).at("/emoji/id").asText()).isEqualTo("112233445566778899");
        assertThat(seenByOwner.get(1).at("/emoji/name").asText()).isEqualTo("blobwave");
        assertThat(seenByOwner.get(1).get("me").asBoolean()).isFalse();

        Response users = api.get(reactions(id, THUMBS), member.auth());
        assertThat(users.status()).as(users.raw()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        users.body().forEach(u -> ids.add(u.get("id").asText()));
        assertThat(ids).containsExactlyInAnyOrder(owner.userId(), member.userId());
        assertThat(api.get(reactions(id, THUMBS) + "?limit=1", member.auth()).body().size()).isEqualTo(1);
        String first = ids.stream().min((a, b) -> Long.compareUnsigned(Long.parseUnsignedLong(a),
                Long.parseUnsignedLong(b))).orElseThrow();
        JsonNode after = api.get(reactions(id, THUMBS) + "?after=" + first, member.auth()).body();
        assertThat(after.size()).isEqualTo(1);
        assertThat(after.get(0).get("id").asText()).isNotEqualTo(first);

        assertThat(api.call("DELETE", reactions(id, THUMBS) + "/@me", owner.auth(), null).status()).isEqualTo(204);
        JsonNode now = api.get(path(id), owner.auth()).body().get("reactions");
        assertThat(now.get(0).get("count").asInt()).isEqualTo(1);
        assertThat(now.get(0).get("me").asBoolean()).isFalse();
        assertThat(api.call("DELETE", reactions(id, THUMBS) + "/@me", member.auth(), null).status()).isEqualTo(204);
        assertThat(api.call("DELETE", reactions(id, "blobwave:112233445566778899") + "/@me", member.auth(), null)
                .status()).isEqualTo(204);
        assertThat(api.get(path(id), owner.auth()).body().has("reactions")).isFalse();

        // errors
        assertError(api.call("PUT", reactions(id, "notanemoji") + "/@me", owner.auth(), null), 400, 10014);
        assertError(api.call("PUT", reactions(id, "a") + "/@me", owner.auth(), null), 400, 10014);
        assertError(api.call("PUT", reactions(id, "bad name:1") + "/@me", owner.auth(), null), 400, 10014);
        assertError(api.get(reactions(id, "nope"), owner.auth()), 400, 10014);
        assertError(api.call("PUT", reactions("123456789012345678", THUMBS) + "/@me", owner.auth(), null),
                404, 10008);
        assertError(api.get(reactions(id, THUMBS) + "?limit=101", owner.auth()), 400, 50035);
        // flags, keycaps and ZWJ sequences are emoji
        for (String emoji : List.of("🇫🇷", "1️⃣", "👩‍👩‍👧", "👍🏽", "❤️")) {
            assertThat(api.call("PUT", reactions(id, emoji) + "/@me", owner.auth(), null).status()).as(emoji)
                    .isEqualTo(204);
        }
    }

    @Test
    void repliesCarryTheReferenceAndTheReferencedMessage() {
        String original = post(member, "the original");
        Response reply = api.post("/api/v10/channels/" + channelId + "/messages", owner.auth(),
                "{\"content\":\"the reply\",\"message_reference\":{\"message_id\":\"" + original
                        + "\",\"fail_if_not_exists\":true},\"allowed_mentions\":{\"replied_user\":false}}");
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        assertThat(reply.body().get("type").asInt()).isEqualTo(19);
        assertThat(reply.body().at("/message_reference/message_id").asText()).isEqualTo(original);
        assertThat(reply.body().at("/message_reference/channel_id").asText()).isEqualTo(channelId);
        assertThat(reply.body().at("/message_reference/guild_id").asText()).isEqualTo(guildId);
        assertThat(reply.body().at("/referenced_message/content").asText()).isEqualTo("the original");
        assertThat(reply.body().at("/referenced_message/author/id").asText()).isEqualTo(member.userId());
        String replyId = reply.str("id");

        Response unknown = api.post("/api/v10/channels/" + channelId + "/messages", owner.auth(),
                "{\"content\":\"to nothing\",\"message_reference\":{\"message_id\":\"123456789012345678\"}}");
        assertError(unknown, 400, 50035);
        assertThat(unknown.body().at("/errors/message_reference/_errors/0/code").asText())
                .isEqualTo("MESSAGE_REFERENCE_UNKNOWN_MESSAGE");
        Response lenient = api.post("/api/v10/channels/" + channelId + "/messages", owner.auth(),
                "{\"content\":\"to nothing\",\"message_reference\":{\"message_id\":\"123456789012345678\","
                        + "\"fail_if_not_exists\":false}}");
        assertThat(lenient.status()).as(lenient.raw()).isEqualTo(200);
        assertThat(lenient.body().get("type").asInt()).isZero();
        assertThat(lenient.body().has("message_reference")).isFalse();

        // the original goes away: the reply stays, its referenced_message becomes null
        assertThat(api.call("DELETE", path(original), member.auth(), null).status()).isEqualTo(204);
        JsonNode after = api.get(path(replyId), owner.auth()).body();
        assertThat(after.get("type").asInt()).isEqualTo(19);
        assertThat(after.at("/message_reference/message_id").asText()).isEqualTo(original);
        assertThat(after.get("referenced_message").isNull()).isTrue();
    }

    @Test
    void moderatorsBulkDeleteAndClearReactions() throws Exception {
        try (GatewayClient gw = session(member.token(), GUILDS | GUILD_MESSAGES | GUILD_MESSAGE_REACTIONS)) {
            String m1 = post(member, "bulk 1");
            String m2 = post(member, "bulk 2");
            String keep = post(member, "bulk keep");
            String bulk = "/api/v10/channels/" + channelId + "/messages/bulk-delete";
            assertError(api.post(bulk, member.auth(), "{\"messages\":[\"" + m1 + "\",\"" + m2 + "\"]}"), 403, 50013);
            assertError(api.post(bulk, owner.auth(), "{\"messages\":[\"" + m1 + "\"]}"), 400, 50035);
            assertError(api.post(bulk, owner.auth(), "{\"messages\":[\"" + m1 + "\",\"" + m1 + "\"]}"), 400, 50035);
            assertError(api.post(bulk, owner.auth(), "{}"), 400, 50035);
            // a 2016 snowflake is older than 14 days
            assertError(api.post(bulk, owner.auth(), "{\"messages\":[\"" + m1 + "\",\"175928847299117063\"]}"),
                    400, 50034);
            Response ok = api.post(bulk, owner.auth(),
                    "{\"messages\":[\"" + m1 + "\",\"" + m2 + "\",\"" + (Long.parseLong(keep) + 1) + "\"]}");
            assertThat(ok.status()).as(ok.raw()).isEqualTo(204);
            assertError(api.get(path(m1), owner.auth()), 404, 10008);
            assertError(api.get(path(m2), owner.auth()), 404, 10008);
            assertThat(api.get(path(keep), owner.auth()).status()).isEqualTo(200);
            JsonNode bulkEvent = gw.nextDispatch("MESSAGE_DELETE_BULK", WAIT);
            assertThat(bulkEvent).isNotNull();
            List<String> gone = new ArrayList<>();
            bulkEvent.at("/d/ids").forEach(n -> gone.add(n.asText()));
            assertThat(gone).containsExactlyInAnyOrder(m1, m2);
            assertThat(bulkEvent.at("/d/channel_id").asText()).isEqualTo(channelId);
            assertThat(bulkEvent.at("/d/guild_id").asText()).isEqualTo(guildId);

            // reactions of others: only with MANAGE_MESSAGES
            String target = post(owner, "moderated reactions");
            for (Account who : List.of(member, owner)) {
                assertThat(api.call("PUT", reactions(target, THUMBS) + "/@me", who.auth(), null).status())
                        .isEqualTo(204);
            }
            assertThat(api.call("PUT", reactions(target, "❤️") + "/@me", member.auth(), null).status()).isEqualTo(204);
            assertError(api.call("DELETE", reactions(target, THUMBS) + "/" + owner.userId(), member.auth(), null),
                    403, 50013);
            assertThat(api.call("DELETE", reactions(target, THUMBS) + "/" + member.userId(), owner.auth(), null)
                    .status()).isEqualTo(204);
            JsonNode removed = gw.nextDispatch("MESSAGE_REACTION_REMOVE", WAIT);
            assertThat(removed).isNotNull();
            assertThat(removed.at("/d/user_id").asText()).isEqualTo(member.userId());
            assertThat(api.get(path(target), member.auth()).body().at("/reactions/0/count").asInt()).isEqualTo(1);

            assertThat(api.call("DELETE", reactions(target, THUMBS), owner.auth(), null).status()).isEqualTo(204);
            JsonNode removeEmoji = gw.nextDispatch("MESSAGE_REACTION_REMOVE_EMOJI", WAIT);
            assertThat(removeEmoji).isNotNull();
            assertThat(removeEmoji.at("/d/emoji/name").asText()).isEqualTo(THUMBS);
            assertThat(removeEmoji.at("/d/message_id").asText()).isEqualTo(target);
            JsonNode left = api.get(path(target), member.auth()).body().get("reactions");
            assertThat(left.size()).isEqualTo(1);
            assertThat(left.at("/0/emoji/name").asText()).isEqualTo("❤️");

            assertError(api.call("DELETE", path(target) + "/reactions", member.auth(), null), 403, 50013);
            assertThat(api.call("DELETE", path(target) + "/reactions", owner.auth(), null).status()).isEqualTo(204);
            JsonNode removeAll = gw.nextDispatch("MESSAGE_REACTION_REMOVE_ALL", WAIT);
            assertThat(removeAll).isNotNull();
            assertThat(removeAll.at("/d/message_id").asText()).isEqualTo(target);
            assertThat(removeAll.at("/d/guild_id").asText()).isEqualTo(guildId);
            assertThat(api.get(path(target), member.auth()).body().has("reactions")).isFalse();
        }
    }

    @Test
    void pinsWithManageMessagesUpToFifty() throws Exception {
        String pins = "/api/v10/channels/" + channelId + "/pins";
        try (GatewayClient gw = session(member.token(), GUILDS | GUILD_MESSAGES)) {
            String id = post(member, "pin me");
            assertError(api.call("PUT", pins + "/" + id, member.auth(), null), 403, 50013);
            assertError(api.call("PUT", pins + "/123456789012345678", owner.auth(), null), 404, 10008);
            assertThat(api.call("PUT", pins + "/" + id, owner.auth(), null).status()).isEqualTo(204);
            assertThat(api.get(path(id), member.auth()).body().get("pinned").asBoolean()).isTrue();
            JsonNode listed = api.get(pins, member.auth()).body();
            assertThat(listed.size()).isEqualTo(1);
            assertThat(listed.get(0).get("id").asText()).isEqualTo(id);
            JsonNode update = gw.nextDispatch("MESSAGE_UPDATE", WAIT);
            assertThat(update).isNotNull();
            assertThat(update.at("/d/pinned").asBoolean()).isTrue();
            JsonNode pinsUpdate = gw.nextDispatch("CHANNEL_PINS_UPDATE", WAIT);
            assertThat(pinsUpdate).isNotNull();
            assertThat(pinsUpdate.at("/d/channel_id").asText()).isEqualTo(channelId);
            assertThat(pinsUpdate.at("/d/guild_id").asText()).isEqualTo(guildId);
            OffsetDateTime.parse(pinsUpdate.at("/d/last_pin_timestamp").asText());

            assertThat(api.call("DELETE", pins + "/" + id, owner.auth(), null).status()).isEqualTo(204);
            assertThat(api.get(path(id), member.auth()).body().get("pinned").asBoolean()).isFalse();
            assertThat(api.get(pins, member.auth()).body().size()).isZero();
            JsonNode unpinned = gw.nextDispatch("CHANNEL_PINS_UPDATE", WAIT);
            assertThat(unpinned).isNotNull();
            assertThat(unpinned.at("/d/last_pin_timestamp").isNull()).isTrue();
        }
        // at most 250 pins per channel; the deprecated list shows the first 50
        for (int i = 0; i < MessageService.MAX_PINS; i++) {
            String id = post(owner, "pinned " + i);
            assertThat(api.call("PUT", pins + "/" + id, owner.auth(), null).status()).isEqualTo(204);
        }
        String one = post(owner, "one too many");
        assertError(api.call("PUT", pins + "/" + one, owner.auth(), null), 400, 30003);
        assertThat(api.get(pins, owner.auth()).body().size()).isEqualTo(MessageService.PINS_PER_PAGE);
        // the paginated form: /messages/pins?before=&limit= (limit 1-50, default 50)
        String paged = "/api/v10/channels/" + channelId + "/messages/pins";
        JsonNode first = api.get(paged + "?limit=20", owner.auth()).body();
        assertThat(first.get("items").size()).isEqualTo(20);
        assertThat(first.get("has_more").asBoolean()).isTrue();
        assertThat(first.at("/items/0/message/pinned").asBoolean()).isTrue();
        String last = first.at("/items/19/pinned_at").asText();
        JsonNode rest = api.get(paged + "?before=" + URLEncoder.encode(last, StandardCharsets.UTF_8), owner.auth())
                .body();
        assertThat(rest.get("items").size()).isEqualTo(50);
        assertThat(rest.get("has_more").asBoolean()).isTrue();
        int seen = 0;
        for (JsonNode page = first; ; ) {
            seen += page.get("items").size();
            if (!page.get("has_more").asBoolean()) {
                break;
            }
            String before = page.at("/items/" + (page.get("items").size() - 1) + "/pinned_at").asText();
            page = api.get(paged + "?before=" + URLEncoder.encode(before, StandardCharsets.UTF_8), owner.auth())
                    .body();
        }
        assertThat(seen).isEqualTo(MessageService.MAX_PINS);
        assertError(api.get(paged + "?limit=51", owner.auth()), 400, 50035);
        assertError(api.get(paged + "?before=yesterday", owner.auth()), 400, 50035);
        assertThat(api.call("DELETE", paged + "/" + first.at("/items/0/message/id").asText(), owner.auth(), null)
                .status()).isEqualTo(204);
        assertThat(api.call("PUT", paged + "/" + one, owner.auth(), null).status()).isEqualTo(204);
        for (JsonNode listed = api.get(pins, owner.auth()).body(); listed.size() > 0;
             listed = api.get(pins, owner.auth()).body()) {
            for (JsonNode m : listed) {
                assertThat(api.call("DELETE", pins + "/" + m.get("id").asText(), owner.auth(), null).status())
                        .isEqualTo(204);
            }
        }
        assertThat(api.get(pins, owner.auth()).body().size()).isZero();
    }

    @Test
    void listAroundReturnsTheMessageAndItsNeighbours() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(post(owner, "around " + i));
        }
        Response page = api.get("/api/v10/channels/" + channelId + "/messages?around=" + ids.get(3) + "&limit=3",
                owner.auth());
        assertThat(page.status()).as(page.raw()).isEqualTo(200);
        List<String> got = new ArrayList<>();
        page.body().forEach(m -> got.add(m.get("id").asText()));
        assertThat(got).containsExactly(ids.get(4), ids.get(3), ids.get(2));
        Response before = api.get("/api/v10/channels/" + channelId + "/messages?before=" + ids.get(3) + "&limit=2",
                owner.auth());
        assertThat(before.body().get(0).get("id").asText()).isEqualTo(ids.get(2));
        assertThat(before.body().get(1).get("id").asText()).isEqualTo(ids.get(1));
        assertError(api.get("/api/v10/channels/" + channelId + "/messages?around=abc", owner.auth()), 400, 50035);
    }

    @Test
    void gatewayDispatchesEditsDeletesReactionsAndTypingByIntent() throws Exception {
        Response app = api.post("/api/v10/applications", owner.auth(), Map.of("name", "Quiet Bot", "flags", 1 << 18));
        String botToken = app.body().at("/bot/token").asText();
        api.invite(owner, channelId, "Bot " + botToken);
        try (GatewayClient all = session(member.token(),
                GUILDS | GUILD_MESSAGES | GUILD_MESSAGE_REACTIONS | GUILD_MESSAGE_TYPING);
             GatewayClient messagesOnly = session(botToken, GUILDS | GUILD_MESSAGES)) {
            String id = post(owner, "watch me change");
            assertThat(all.nextDispatch("MESSAGE_CREATE", WAIT)).isNotNull();

            api.call("PATCH", path(id), owner.auth(), "{\"content\":\"changed\"}");
            JsonNode update = all.nextDispatch("MESSAGE_UPDATE", WAIT);
            assertThat(update).isNotNull();
            assertThat(update.at("/d/id").asText()).isEqualTo(id);
            assertThat(update.at("/d/content").asText()).isEqualTo("changed");
            assertThat(update.at("/d/edited_timestamp").isTextual()).isTrue();
            assertThat(update.at("/d/guild_id").asText()).isEqualTo(guildId);
            assertThat(update.at("/d/author/id").asText()).isEqualTo(owner.userId());
            JsonNode botUpdate = messagesOnly.nextDispatch("MESSAGE_UPDATE", WAIT);
            assertThat(botUpdate).isNotNull();
            // the bot did not ask for MESSAGE_CONTENT: the update reaches it without the content
            assertThat(botUpdate.at("/d/id").asText()).isEqualTo(id);
            assertThat(botUpdate.at("/d/content").asText()).isEmpty();

            api.call("PUT", reactions(id, THUMBS) + "/@me", owner.auth(), null);
            JsonNode add = all.nextDispatch("MESSAGE_REACTION_ADD", WAIT);
            assertThat(add).isNotNull();
            assertThat(add.at("/d/message_id").asText()).isEqualTo(id);
            assertThat(add.at("/d/user_id").asText()).isEqualTo(owner.userId());
            assertThat(add.at("/d/channel_id").asText()).isEqualTo(channelId);
            assertThat(add.at("/d/guild_id").asText()).isEqualTo(guildId);
            assertThat(add.at("/d/emoji/name").asText()).isEqualTo(THUMBS);
            assertThat(add.at("/d/emoji/id").isNull()).isTrue();
            assertThat(add.at("/d/member/user/id").asText()).isEqualTo(owner.userId());
            assertThat(add.at("/d/message_author_id").asText()).isEqualTo(owner.userId());
            api.call("DELETE", reactions(id, THUMBS) + "/@me", owner.auth(), null);
            JsonNode remove = all.nextDispatch("MESSAGE_REACTION_REMOVE", WAIT);
            assertThat(remove).isNotNull();
            assertThat(remove.at("/d/emoji/name").asText()).isEqualTo(THUMBS);
            assertThat(remove.at("/d/user_id").asText()).isEqualTo(owner.userId());

            Response typing = api.post("/api/v10/channels/" + channelId + "/typing", owner.auth(), "");
            assertThat(typing.status()).as(typing.raw()).isEqualTo(204);
            JsonNode typingStart = all.nextDispatch("TYPING_START", WAIT);
            assertThat(typingStart).isNotNull();
            assertThat(typingStart.at("/d/user_id").asText()).isEqualTo(owner.userId());
            assertThat(typingStart.at("/d/channel_id").asText()).isEqualTo(channelId);
            assertThat(typingStart.at("/d/timestamp").asLong())
                    .isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));

            api.call("DELETE", path(id), owner.auth(), null);
            JsonNode delete = all.nextDispatch("MESSAGE_DELETE", WAIT);
            assertThat(delete).isNotNull();
            assertThat(delete.at("/d/id").asText()).isEqualTo(id);
            assertThat(delete.at("/d/channel_id").asText()).isEqualTo(channelId);
            assertThat(delete.at("/d/guild_id").asText()).isEqualTo(guildId);

            // the bot without the reaction and typing intents got the delete, but none of those
            assertThat(messagesOnly.nextDispatch("MESSAGE_DELETE", WAIT)).isNotNull();
            List<String> seen = new ArrayList<>();
            Thread.sleep(QUIET.toMillis());
            messagesOnly.drain().forEach(p -> seen.add(p.path("t").asText()));
            assertThat(seen).doesNotContain("MESSAGE_REACTION_ADD", "MESSAGE_REACTION_REMOVE", "TYPING_START");
        }
    }

    @Test
    void typingNeedsAccessAndEveryChangeReachesKafka() {
        Account outsider = api.register("actoutsider");
        assertError(api.post("/api/v10/channels/" + channelId + "/typing", outsider.auth(), ""), 403, 50001);

        String id = post(member, "for the record");
        api.call("PATCH", path(id), member.auth(), "{\"content\":\"for the record, edited\"}");
        api.call("PUT", reactions(id, THUMBS) + "/@me", owner.auth(), null);
        api.call("DELETE", reactions(id, THUMBS) + "/@me", owner.auth(), null);
        assertThat(api.call("DELETE", path(id), owner.auth(), null).status()).isEqualTo(204);

        List<String> wanted = List.of("message.created", "message.updated", "reaction.added", "reaction.removed",
                "message.deleted");
        List<EventEnvelope> events = consume(id, wanted.size(), Duration.ofSeconds(60));
        assertThat(events).extracting(EventEnvelope::type).containsExactlyElementsOf(wanted);
        assertThat(events).allSatisfy(e -> assertThat(e.guildId()).isEqualTo(guildId));
        MessageUpdated updated = EventCodec.payload(events.get(1), MessageUpdated.class);
        assertThat(updated.content()).isEqualTo("for the record, edited");
        assertThat(updated.authorId()).isEqualTo(member.userId());
        ReactionAdded added = EventCodec.payload(events.get(2), ReactionAdded.class);
        assertThat(added.userId()).isEqualTo(owner.userId());
        assertThat(added.emojiName()).isEqualTo(THUMBS);
        assertThat(added.emojiId()).isNull();
        assertThat(EventCodec.payload(events.get(3), ReactionRemoved.class).userId()).isEqualTo(owner.userId());
        MessageDeleted deleted = EventCodec.payload(events.get(4), MessageDeleted.class);
        assertThat(deleted.authorId()).isEqualTo(member.userId());
        assertThat(deleted.deletedBy()).isEqualTo(owner.userId());
        assertThat(deleted.channelId()).isEqualTo(channelId);
    }

    /** The events about one message, in partition order. */
    private static List<EventEnvelope> consume(String messageId, int count, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Engines.kafka().bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "msg-actions-it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<EventEnvelope> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(Topics.MESSAGES));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && out.size() < count) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    EventEnvelope e = EventCodec.decode(r.value());
                    if (r.value() != null && new String(r.value(), StandardCharsets.UTF_8)
                            .contains("\"message_id\":\"" + messageId + "\"")) {
                        out.add(e);
                    }
                }
            }
        }
        return out;
    }
}
