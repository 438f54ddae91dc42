package dev.guildhall.core.messages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.GuildFixture;
import dev.guildhall.core.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user's message carries beyond its content over real HTTP: embeds (limits, EMBED_LINKS) and mentions
 * (content scan, allowed_mentions, MENTION_EVERYONE, replies) and attachment metadata from multipart files.
 */
class MessageContentIT {
    private static TestServer server;
    private static GuildFixture g;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_message_content");
        g = new GuildFixture(server, "contentowner", "Content Guild");
        api = g.api;
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String messages() {
        return "/api/v10/channels/" + g.channelId + "/messages";
    }

    private static Map<String, Object> embed() {
        return Map.of("title", "Patch notes", "description", "Raids are back", "color", 5814783,
                "url", "https://example.com/notes",
                "footer", Map.of("text", "v1.2"), "author", Map.of("name", "Guildhall"),
                "fields", List.of(Map.of("name", "Boss", "value", "Onyxia", "inline", true)));
    }

    @Test
    void embedsOnlyMessageRoundTrips() {
        Response sent = api.post(messages(), g.owner.auth(), Map.of("embeds", List.of(embed())));
        assertThat(sent.status()).as(sent.raw()).isEqualTo(200);
        JsonNode e = sent.body().get("embeds").get(0);
        assertThat(sent.str("content")).isEmpty();
        assertThat(sent.body().has("webhook_id")).isFalse();
        assertThat(sent.body().get("type").asInt()).isZero();
        assertThat(e.get("type").asText()).isEqualTo("rich");
        assertThat(e.get("title").asText()).isEqualTo("Patch notes");
        assertThat(e.get("color").asInt()).isEqualTo(5814783);
        assertThat(e.path("footer").path("text").asText()).isEqualTo("v1.2");
        assertThat(e.path("fields").get(0).path("inline").asBoolean()).isTrue();

        Response read = api.get(messages() + "/" + sent.str("id"), g.owner.auth());
        assertThat(read.body().get("embeds")).isEqualTo(sent.body().get("embeds"));
        assertThat(read.body().has("webhook_id")).isFalse();
        Response page = api.get(messages() + "?limit=1", g.owner.auth());
        assertThat(page.body().get(0).get("embeds")).isEqualTo(sent.body().get("embeds"));
    }

    @Test
    void editReplacesAndRemovesEmbeds() {
        Response sent = api.post(messages(), g.owner.auth(), Map.of("content", "see below",
                "embeds", List.of(embed())));
        String path = messages() + "/" + sent.str("id");
        Response edited = api.call("PATCH", path, g.owner.auth(),
                ApiClient.json(Map.of("embeds", List.of(Map.of("title", "Changed")))));
        assertThat(edited.status()).as(edited.raw()).isEqualTo(200);
        assertThat(edited.str("content")).isEqualTo("see below");
        assertThat(edited.body().get("embeds")).hasSize(1);
        assertThat(edited.body().get("embeds").get(0).get("title").asText()).isEqualTo("Changed");
        assertThat(edited.body().get("edited_timestamp").isNull()).isFalse();

        Response contentOnly = api.call("PATCH", path, g.owner.auth(), "{\"content\":\"new text\"}");
        assertThat(contentOnly.body().get("embeds").get(0).get("title").asText()).isEqualTo("Changed");

        Response cleared = api.call("PATCH", path, g.owner.auth(), "{\"embeds\":[]}");
        assertThat(cleared.status()).as(cleared.raw()).isEqualTo(200);
        assertThat(cleared.body().get("embeds")).isEmpty();
        assertThat(api.get(path, g.owner.auth()).body().get("embeds")).isEmpty();

        Response empty = api.call("PATCH", path, g.owner.auth(), "{\"content\":\"\"}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body().get("code").asInt()).isEqualTo(50006);
    }

    @Test
    void embedLimitsAreNestedFormErrors() {
        Map<String, Object> big = Map.of("title", "t".repeat(257), "description", "d".repeat(4097),
                "footer", Map.of("text", "f".repeat(2049)), "author", Map.of("name", "a".repeat(257)),
                "fields", List.of(Map.of("name", "n".repeat(257), "value", "v".repeat(1025))));
        Response r = api.post(messages(), g.owner.auth(), Map.of("embeds", List.of(Map.of("title", "ok"), big)));
        assertThat(r.status()).as(r.raw()).isEqualTo(400);
        assertThat(r.body().get("code").asInt()).isEqualTo(50035);
        JsonNode e = r.body().path("errors").path("embeds").path("1");
        assertThat(e.path("title").path("_errors").get(0).path("code").asText()).isEqualTo("BASE_TYPE_MAX_LENGTH");
        assertThat(e.path("description").path("_errors").get(0).path("code").asText())
                .isEqualTo("BASE_TYPE_MAX_LENGTH");
        assertThat(e.path("footer").path("text").path("_errors").get(0).path("code").asText())
                .isEqualTo("BASE_TYPE_MAX_LENGTH");
        assertThat(e.path("author").path("name").path("_errors").get(0).path("code").asText())
                .isEqualTo("BASE_TYPE_MAX_LENGTH");
        assertThat(e.path("fields").path("0").path("name").path("_errors").get(0).path("code").asText())
                .isEqualTo("BASE_TYPE_MAX_LENGTH");
        assertThat(e.path("fields").path("0").path("value").path("_errors").get(0).path("code").asText())
                .isEqualTo("BASE_TYPE_MAX_LENGTH");

        Response eleven = api.post(messages(), g.owner.auth(),
                Map.of("embeds", java.util.Collections.nCopies(11, Map.of("title", "x"))));
        assertThat(eleven.status()).isEqualTo(400);
        assertThat(eleven.body().path("errors").path("embeds").path("_errors").get(0).path("code").asText())
                .isEqualTo("BASE_TYPE_MAX_LENGTH");

        // 6000 characters across all embeds of the message
        Response total = api.post(messages(), g.owner.auth(), Map.of("embeds",
                java.util.Collections.nCopies(2, Map.of("description", "x".repeat(3001)))));
        assertThat(total.status()).isEqualTo(400);
        assertThat(total.body().path("errors").path("embeds").path("_errors").get(0).path("code").asText())
                .isEqualTo("MAX_EMBED_SIZE_EXCEEDED");

        Response notList = api.post(messages(), g.owner.auth(), Map.of("content", "x", "embeds", "nope"));
        assertThat(notList.status()).isEqualTo(400);
        assertThat(notList.body().path("errors").has("embeds")).isTrue();
    }

    @Test
    void withoutEmbedLinksEmbedsAreDropped() {
        Account member = g.member("noembeds");
        Response deny = api.call("PUT", "/api/v10/channels/" + g.channelId + "/permissions/" + member.userId(),
                g.owner.auth(), ApiClient.json(Map.of("type", 1, "allow", "0", "deny", Long.toString(1L << 14))));
        assertThat(deny.status()).as(deny.raw()).isEqualTo(204);

        Response sent = api.post(messages(), member.auth(), Map.of("content", "look", "embeds", List.of(embed())));
        assertThat(sent.status()).as(sent.raw()).isEqualTo(200);
        assertThat(sent.body().get("embeds")).isEmpty();
        assertThat(api.get(messages() + "/" + sent.str("id"), g.owner.auth()).body().get("embeds")).isEmpty();

        Response onlyEmbeds = api.post(messages(), member.auth(), Map.of("embeds", List.of(embed())));
        assertThat(onlyEmbeds.status()).isEqualTo(400);
        assertThat(onlyEmbeds.body().get("code").asInt()).isEqualTo(50006);

        Response edit = api.call("PATCH", messages() + "/" + sent.str("id"), member.auth(),
                ApiClient.json(Map.of("embeds", List.of(embed()))));
        assertThat(edit.status()).isEqualTo(200);
        assertThat(edit.body().get("embeds")).isEmpty();
    }

    private static List<String> ids(JsonNode arr) {
        List<String> out = new java.util.ArrayList<>();
        arr.forEach(n -> out.add(n.isObject() ? n.get("id").asText() : n.asText()));
        return out;
    }

    @Test
    void mentionsFollowContentPermissionsAndMembership() {
        Account alice = g.member("alice");
        Account bob = g.member("bob");
        Account stranger = api.register("stranger");
        Response plain = api.post(g.guildPath() + "/roles", g.owner.auth(), Map.of("name", "plain"));
        Response pingable = api.post(g.guildPath() + "/roles", g.owner.auth(),
                Map.of("name", "pingable", "mentionable", true));
        String content = "hi <@" + alice.userId() + "> <@!" + bob.userId() + "> <@" + stranger.userId()
                + "> <@&" + plain.str("id") + "> <@&" + pingable.str("id") + "> @everyone";

        Response byOwner = api.post(messages(), g.owner.auth(), Map.of("content", content));
        assertThat(byOwner.status()).as(byOwner.raw()).isEqualTo(200);
        assertThat(byOwner.str("content")).isEqualTo(content);
        assertThat(ids(byOwner.body().get("mentions"))).containsExactlyInAnyOrder(alice.userId(), bob.userId());
        JsonNode first = byOwner.body().get("mentions").get(0);
        assertThat(first.get("username").asText()).isNotEmpty();
        assertThat(first.path("member").has("joined_at")).isTrue();
        assertThat(ids(byOwner.body().get("mention_roles")))
                .containsExactlyInAnyOrder(plain.str("id"), pingable.str("id"));
        assertThat(byOwner.body().get("mention_everyone").asBoolean()).isTrue();
        JsonNode read = api.get(messages() + "/" + byOwner.str("id"), g.owner.auth()).body();
        assertThat(read.get("mentions")).isEqualTo(byOwner.body().get("mentions"));
        assertThat(read.get("mention_roles")).isEqualTo(byOwner.body().get("mention_roles"));
        assertThat(read.get("mention_everyone").asBoolean()).isTrue();

        // without MENTION_EVERYONE: no @everyone, only mentionable roles
        Response byAlice = api.post(messages(), alice.auth(), Map.of("content", content));
        assertThat(byAlice.status()).as(byAlice.raw()).isEqualTo(200);
        assertThat(byAlice.body().get("mention_everyone").asBoolean()).isFalse();
        assertThat(ids(byAlice.body().get("mention_roles"))).containsExactly(pingable.str("id"));
        assertThat(ids(byAlice.body().get("mentions"))).containsExactlyInAnyOrder(alice.userId(), bob.userId());

        Response none = api.post(messages(), g.owner.auth(),
                Map.of("content", content, "allowed_mentions", Map.of("parse", List.of())));
        assertThat(none.body().get("mentions")).isEmpty();
        assertThat(none.body().get("mention_roles")).isEmpty();
        assertThat(none.body().get("mention_everyone").asBoolean()).isFalse();
        assertThat(none.str("content")).isEqualTo(content);

        Response onlyBob = api.post(messages(), g.owner.auth(), Map.of("content", content,
                "allowed_mentions", Map.of("parse", List.of("everyone"), "users", List.of(bob.userId()),
                        "roles", List.of(plain.str("id")))));
        assertThat(ids(onlyBob.body().get("mentions"))).containsExactly(bob.userId());
        assertThat(ids(onlyBob.body().get("mention_roles"))).containsExactly(plain.str("id"));
        assertThat(onlyBob.body().get("mention_everyone").asBoolean()).isTrue();

        // an edit scans the new content again
        Response edited = api.call("PATCH", messages() + "/" + none.str("id"), g.owner.auth(),
                ApiClient.json(Map.of("content", "now <@" + bob.userId() + ">")));
        assertThat(ids(edited.body().get("mentions"))).containsExactly(bob.userId());
        assertThat(edited.body().get("mention_everyone").asBoolean()).isFalse();
    }

    @Test
    void allowedMentionsValidation() {
        Response exclusive = api.post(messages(), g.owner.auth(), Map.of("content", "x",
                "allowed_mentions", Map.of("parse", List.of("users"), "users", List.of(g.owner.userId()))));
        assertThat(exclusive.status()).as(exclusive.raw()).isEqualTo(400);
        assertThat(exclusive.body().get("code").asInt()).isEqualTo(50035);
        assertThat(exclusive.body().path("errors").path("allowed_mentions").path("_errors").get(0).path("code")
                .asText()).isEqualTo("MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE");

        Response roles = api.post(messages(), g.owner.auth(), Map.of("content", "x",
                "allowed_mentions", Map.of("parse", List.of("roles"), "roles", List.of(g.guildId))));
        assertThat(roles.status()).isEqualTo(400);

        Response bogus = api.post(messages(), g.owner.auth(), Map.of("content", "x",
                "allowed_mentions", Map.of("parse", List.of("channels"))));
        assertThat(bogus.status()).isEqualTo(400);
        assertThat(bogus.body().path("errors").path("allowed_mentions").path("parse").path("0").path("_errors")
                .get(0).path("code").asText()).isEqualTo("BASE_TYPE_CHOICES");

        Response notObject = api.post(messages(), g.owner.auth(), Map.of("content", "x", "allowed_mentions", 5));
        assertThat(notObject.status()).isEqualTo(400);
    }

    @Test
    void repliesMentionTheRepliedAuthorUnlessAllowedMentionsSaysOtherwise() {
        Account carol = g.member("carol");
        String original = api.sendMessage(carol.auth(), g.channelId, "question").str("id");
        Map<String, Object> ref = Map.of("message_id", original);

        Response byDefault = api.post(messages(), g.owner.auth(),
                Map.of("content", "answer", "message_reference", ref));
        assertThat(byDefault.status()).as(byDefault.raw()).isEqualTo(200);
        assertThat(ids(byDefault.body().get("mentions"))).containsExactly(carol.userId());

        Response quiet = api.post(messages(), g.owner.auth(), Map.of("content", "answer",
                "message_reference", ref, "allowed_mentions", Map.of("parse", List.of())));
        assertThat(quiet.body().get("mentions")).isEmpty();

        Response ping = api.post(messages(), g.owner.auth(), Map.of("content", "answer",
                "message_reference", ref, "allowed_mentions", Map.of("parse", List.of(), "replied_user", true)));
        assertThat(ids(ping.body().get("mentions"))).containsExactly(carol.userId());

        // editing the content keeps the reply's mention
        Response edited = api.call("PATCH", messages() + "/" + byDefault.str("id"), g.owner.auth(),
                "{\"content\":\"better answer\"}");
        assertThat(ids(edited.body().get("mentions"))).containsExactly(carol.userId());
    }

    private static Response multipart(String method, String path, String auth, String payloadJson,
                                      String... files) {
        String boundary = "guildhallboundary";
        StringBuilder b = new StringBuilder();
        b.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"payload_json\"\r\n")
                .append("Content-Type: application/json\r\n\r\n").append(payloadJson).append("\r\n");
        for (int i = 0; i < files.length; i += 3) {
            b.append("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"files[").append(i / 3)
                    .append("]\"; filename=\"").append(files[i]).append("\"\r\n")
                    .append("Content-Type: ").append(files[i + 1]).append("\r\n\r\n")
                    .append(files[i + 2]).append("\r\n");
        }
        b.append("--").append(boundary).append("--\r\n");
        return api.call(method, path, auth, b.toString(),
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
    }

    @Test
    void multipartFilesBecomeAttachments() {
        Response sent = multipart("POST", messages(), g.owner.auth(),
                "{\"attachments\":[{\"id\":0,\"filename\":\"map.png\",\"description\":\"the raid map\"}]}",
                "raw.png", "image/png", "PNGDATA", "notes.txt", "text/plain", "hello");
        assertThat(sent.status()).as(sent.raw()).isEqualTo(200);
        assertThat(sent.str("content")).isEmpty();
        JsonNode atts = sent.body().get("attachments");
        assertThat(atts).hasSize(2);
        JsonNode map = atts.get(0);
        assertThat(map.get("id").asText()).matches("\\d{15,20}");
        assertThat(map.get("filename").asText()).isEqualTo("map.png");
        assertThat(map.get("description").asText()).isEqualTo("the raid map");
        assertThat(map.get("content_type").asText()).isEqualTo("image/png");
        assertThat(map.get("size").asInt()).isEqualTo(7);
        assertThat(map.get("url").asText())
                .isEqualTo("/api/v10/attachments/" + g.channelId + "/" + map.get("id").asText() + "/map.png");
        assertThat(atts.get(1).get("filename").asText()).isEqualTo("notes.txt");
        assertThat(atts.get(1).get("size").asInt()).isEqualTo(5);
        assertThat(atts.get(1).has("description")).isFalse();
        String path = messages() + "/" + sent.str("id");
        assertThat(api.get(path, g.owner.auth()).body().get("attachments")).isEqualTo(atts);

        // an edit keeps the attachments its list names
        Response edited = api.call("PATCH", path, g.owner.auth(),
                ApiClient.json(Map.of("attachments", List.of(Map.of("id", map.get("id").asText())))));
        assertThat(edited.status()).as(edited.raw()).isEqualTo(200);
        assertThat(edited.body().get("attachments")).hasSize(1);
        assertThat(edited.body().get("attachments").get(0)).isEqualTo(map);
        // and adds new files
        Response added = multipart("PATCH", path, g.owner.auth(),
                "{\"attachments\":[{\"id\":\"" + map.get("id").asText() + "\"},{\"id\":0}]}",
                "log.txt", "text/plain", "abc");
        assertThat(added.status()).as(added.raw()).isEqualTo(200);
        assertThat(added.body().get("attachments")).extracting(a -> a.get("filename").asText())
                .containsExactly("map.png", "log.txt");
        Response longDescription = multipart("POST", messages(), g.owner.auth(),
                "{\"attachments\":[{\"id\":0,\"description\":\"" + "d".repeat(1025) + "\"}]}",
                "a.txt", "text/plain", "a");
        assertThat(longDescription.status()).isEqualTo(400);
        assertThat(longDescription.body().path("errors").path("attachments").path("0").has("description")).isTrue();
    }

    @Test
    void filesNeedAttachFiles() {
        Account member = g.member("nofiles");
        Response deny = api.call("PUT", "/api/v10/channels/" + g.channelId + "/permissions/" + member.userId(),
                g.owner.auth(), ApiClient.json(Map.of("type", 1, "allow", "0", "deny", Long.toString(1L << 15))));
        assertThat(deny.status()).as(deny.raw()).isEqualTo(204);
        Response sent = multipart("POST", messages(), member.auth(), "{\"content\":\"file\"}",
                "a.txt", "text/plain", "a");
        assertThat(sent.status()).as(sent.raw()).isEqualTo(403);
        assertThat(sent.body().get("code").asInt()).isEqualTo(50013);
        Response textOnly = multipart("POST", messages(), member.auth(), "{\"content\":\"just text\"}");
        assertThat(textOnly.status()).as(textOnly.raw()).isEqualTo(200);
        assertThat(textOnly.body().get("attachments")).isEmpty();
    }
}
