package dev.guildhall.console.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.automod.rules.AutoModJson;
import dev.guildhall.automod.rules.AutoModerationRule;
import dev.guildhall.console.auth.CoreServerClient;
import dev.guildhall.console.auth.CoreUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * core-server's Discord API calls the rule editor makes, always with the acting user's token: the guild's
 * auto-moderation rules, its channels, roles and owner, members' roles and channels' recent messages.
 * Refusals arrive as {@link dev.guildhall.console.auth.CoreRefusedException} (50035 with its {@code errors}).
 */
@Component
public class AutoModApi {

    private static final Pattern USER_MENTION = Pattern.compile("<@!?(\\d+)>");
    private static final Pattern ROLE_MENTION = Pattern.compile("<@&(\\d+)>");

    private static final int MEMBER_PAGE = 1000;

    private final CoreServerClient core;

    public AutoModApi(CoreServerClient core) {
        this.core = core;
    }

    /** {@code GET /guilds/{id}/auto-moderation/rules}. */
    public List<AutoModerationRule> rules(String token, long guildId) {
        JsonNode list = core.send("GET", rulesPath(guildId), token, null, null, "auto-moderation rules");
        List<AutoModerationRule> rules = new ArrayList<>();
        for (JsonNode rule : list) {
            rules.add(parse(rule));
        }
        return rules;
    }

    /** {@code POST /guilds/{id}/auto-moderation/rules}. */
    public AutoModerationRule create(String token, long guildId, ObjectNode body, String reason) {
        return parse(core.send("POST", rulesPath(guildId), token, body, reason, "create rule"));
    }

    /** {@code PATCH /guilds/{id}/auto-moderation/rules/{rule}}. */
    public AutoModerationRule modify(String token, long guildId, long ruleId, ObjectNode body, String reason) {
        return parse(core.send("PATCH", rulesPath(guildId) + "/" + ruleId, token, body, reason, "modify rule"));
    }

    /** {@code DELETE /guilds/{id}/auto-moderation/rules/{rule}}. */
    public void delete(String token, long guildId, long ruleId, String reason) {
        core.send("DELETE", rulesPath(guildId) + "/" + ruleId, token, null, reason, "delete rule");
    }

    /** The guild's text and announcement channels, in core-server's order. */
    public List<TextChannel> textChannels(String token, long guildId) {
        List<TextChannel> channels = new ArrayList<>();
        for (JsonNode c : core.send("GET", "guilds/" + guildId + "/channels", token, null, null, "channels")) {
            int type = c.path("type").asInt(-1);
            if (type == 0 || type == 5) {
                channels.add(new TextChannel(id(c.get("id")), c.path("name").asText("")));
            }
        }
        return channels;
    }

    /** The guild object's owner and roles ({@code GET /guilds/{id}}). */
    public GuildInfo guild(String token, long guildId) {
        JsonNode g = core.send("GET", "guilds/" + guildId, token, null, null, "guild");
        List<GuildRole> roles = new ArrayList<>();
        for (JsonNode r : g.path("roles")) {
            roles.add(new GuildRole(id(r.get("id")), r.path("name").asText(""), Long.parseLong(
                    r.path("permissions").asText("0"))));
        }
        return new GuildInfo(id(g.get("owner_id")), roles);
    }

    /** The guild's owner and roles (the {@code @everyone} role has the guild's id). */
    public record GuildInfo(long ownerId, List<GuildRole> roles) {
    }

    /**
     * Role ids of the guild's members ({@code GET /guilds/{id}/members?limit=1000&after=}, paged by user id), at most
     * about {@code maxMembers} members.
     */
    public Map<Long, Set<Long>> memberRoles(String token, long guildId, int maxMembers) {
        Map<Long, Set<Long>> roles = new HashMap<>();
        long after = 0;
        while (roles.size() < maxMembers) {
            JsonNode page = core.send("GET", "guilds/" + guildId + "/members?limit=" + MEMBER_PAGE + "&after=" + after,
                    token, null, null, "members");
            for (JsonNode member : page) {
                long userId = id(member.path("user").get("id"));
                Set<Long> ids = new HashSet<>();
                member.path("roles").forEach(r -> ids.add(id(r)));
                roles.put(userId, ids);
                after = Math.max(after, userId);
            }
            if (page.size() < MEMBER_PAGE) {
                break;
            }
        }
        return roles;
    }

    /**
     * The newest messages of a channel ({@code GET /channels/{id}/messages?limit=}), newest first; core-server
     * refuses channels the user cannot read.
     */
    public List<PostedMessage> messages(String token, long channelId, int limit) {
        List<PostedMessage> out = new ArrayList<>();
        for (JsonNode m : core.send("GET", "channels/" + channelId + "/messages?limit=" + limit, token, null, null,
                "channel messages")) {
            String content = m.path("content").asText("");
            JsonNode author = m.path("author");
            out.add(new PostedMessage(id(m.get("id")), id(author.get("id")), author.path("username").asText(""),
                    author.path("bot").asBoolean(false), content, Instant.parse(m.path("timestamp").asText()),
                    unique(USER_MENTION, content), unique(ROLE_MENTION, content)));
        }
        return out;
    }

    /** A message as core-server lists it, before its author's roles are known. */
    public record PostedMessage(long id, long authorId, String authorName, boolean bot, String content,
                                Instant sentAt, int userMentions, int roleMentions) {
    }

    private static int unique(Pattern mention, String content) {
        Set<String> ids = new HashSet<>();
        Matcher m = mention.matcher(content);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids.size();
    }

    private static String rulesPath(long guildId) {
        return "guilds/" + guildId + "/auto-moderation/rules";
    }

    private static AutoModerationRule parse(JsonNode json) {
        try {
            return AutoModJson.mapper().treeToValue(json, AutoModerationRule.class);
        } catch (Exception e) {
            throw new CoreUnavailableException("core-server sent a rule the console cannot read: " + json, e);
        }
    }

    private static long id(JsonNode node) {
        if (node == null) {
            throw new CoreUnavailableException("core-server answer lacks an id");
        }
        return node.isNumber() ? node.asLong() : Long.parseLong(node.asText());
    }
}
