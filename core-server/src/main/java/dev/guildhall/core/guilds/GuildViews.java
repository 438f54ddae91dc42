package dev.guildhall.core.guilds;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auth.UserViews;
import dev.guildhall.core.channels.Channel;
import dev.guildhall.core.channels.ChannelViews;
import dev.guildhall.core.json.Json;

import java.util.List;

/** Discord's guild, role, member and partial-guild objects. */
public final class GuildViews {
    private GuildViews() {
    }

    public static ObjectNode guild(Guild g, List<Role> roles) {
        ObjectNode o = Json.object();
        o.put("id", Json.id(g.id()));
        o.put("name", g.name());
        o.putNull("icon");
        o.putNull("icon_hash");
        o.putNull("splash");
        o.putNull("discovery_splash");
        o.put("owner_id", Json.id(g.ownerId()));
        GuildSettings st = g.settings();
        putId(o, "afk_channel_id", st.afkChannelId());
        o.put("afk_timeout", st.afkTimeout());
        o.put("widget_enabled", false);
        o.putNull("widget_channel_id");
        o.put("verification_level", st.verificationLevel());
        o.put("default_message_notifications", st.defaultMessageNotifications());
        o.put("explicit_content_filter", st.explicitContentFilter());
        ArrayNode roleArray = o.putArray("roles");
        roles.forEach(r -> roleArray.add(role(r)));
        o.putArray("emojis");
        st.features().forEach(o.putArray("features")::add);
        o.put("mfa_level", 0);
        o.putNull("application_id");
        if (g.systemChannelId() == null) {
            o.putNull("system_channel_id");
        } else {
            o.put("system_channel_id", Json.id(g.systemChannelId()));
        }
        o.put("system_channel_flags", st.systemChannelFlags());
        putId(o, "rules_channel_id", st.rulesChannelId());
        o.putNull("max_presences");
        o.put("max_members", 500000);
        o.putNull("vanity_url_code");
        o.put("description", st.description());
        o.putNull("banner");
        o.put("premium_tier", 0);
        o.put("premium_subscription_count", 0);
        o.put("preferred_locale", st.preferredLocale());
        putId(o, "public_updates_channel_id", st.publicUpdatesChannelId());
        o.put("max_video_channel_users", 25);
        o.put("max_stage_video_channel_users", 50);
        o.put("nsfw_level", 0);
        o.put("nsfw", false);
        o.putArray("stickers");
        o.put("premium_progress_bar_enabled", false);
        o.putNull("safety_alerts_channel_id");
        o.putNull("incidents_data");
        o.put("region", "deprecated");
        return o;
    }

    public static ObjectNode role(Role r) {
        ObjectNode o = Json.object();
        o.put("id", Json.id(r.id()));
        o.put("name", r.name());
        o.put("color", r.color());
        ObjectNode colors = o.putObject("colors");
        colors.put("primary_color", r.color());
        colors.putNull("secondary_color");
        colors.putNull("tertiary_color");
        o.put("hoist", r.hoist());
        o.putNull("icon");
        o.putNull("unicode_emoji");
        o.put("position", r.position());
        o.put("permissions", Long.toString(r.permissions()));
        o.put("managed", false);
        o.put("mentionable", r.mentionable());
        o.put("flags", 0);
        return o;
    }

    /** Guild member object (with {@code user}); {@code roles} are role ids, @everyone excluded. */
    public static ObjectNode member(Member m, boolean withUser) {
        ObjectNode o = Json.object();
        if (withUser) {
            o.set("user", UserViews.user(m.user()));
        }
        if (m.nick() == null) {
            o.putNull("nick");
        } else {
            o.put("nick", m.nick());
        }
        o.putNull("avatar");
        o.putNull("banner");
        ArrayNode roles = o.putArray("roles");
        m.roleIds().forEach(id -> roles.add(Json.id(id)));
        o.put("joined_at", Json.timestamp(m.joinedAt()));
        o.putNull("premium_since");
        o.put("deaf", m.deaf());
        o.put("mute", m.mute());
        o.put("flags", 0);
        o.put("pending", false);
        if (m.communicationDisabledUntil() == null) {
            o.putNull("communication_disabled_until");
        } else {
            o.put("communication_disabled_until", Json.timestamp(m.communicationDisabledUntil()));
        }
        return o;
    }

    /** Partial guild of {@code GET /users/@me/guilds}. */
    public static ObjectNode partial(Guild g, boolean owner, long permissions) {
        ObjectNode o = Json.object();
        o.put("id", Json.id(g.id()));
        o.put("name", g.name());
        o.putNull("icon");
        o.putNull("banner");
        o.put("owner", owner);
        o.put("permissions", Long.toString(permissions));
        o.putArray("features");
        return o;
    }

    /** The GUILD_CREATE payload sent after READY. */
    public static ObjectNode gatewayGuild(GuildSnapshot s) {
        ObjectNode o = guild(s.guild(), s.roles());
        o.put("joined_at", Json.timestamp(s.joinedAt()));
        o.put("large", false);
        o.put("unavailable", false);
        o.put("member_count", s.memberCount());
        o.putArray("voice_states");
        ArrayNode members = o.putArray("members");
        s.members().forEach(m -> members.add(member(m, true)));
        ArrayNode channels = o.putArray("channels");
        for (Channel ch : s.channels()) {
            ObjectNode cj = ChannelViews.channel(ch, s.overwrites().getOrDefault(ch.id(), List.of()));
            cj.remove("guild_id"); // GUILD_CREATE channels omit guild_id like Discord
            channels.add(cj);
        }
        ArrayNode threads = o.putArray("threads");
        threads.addAll(s.threads());
        o.putArray("presences");
        o.putArray("stage_instances");
        o.putArray("guild_scheduled_events");
        o.putArray("soundboard_sounds");
        return o;
    }

    private static void putId(ObjectNode o, String field, Long id) {
        if (id == null) {
            o.putNull(field);
        } else {
            o.put(field, Json.id(id));
        }
    }
}
