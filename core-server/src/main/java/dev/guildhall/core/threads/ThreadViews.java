package dev.guildhall.core.threads;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.guilds.GuildViews;
import dev.guildhall.core.guilds.Member;
import dev.guildhall.core.json.Json;

/** Discord's thread channel object, thread member object and the THREAD_* payloads. */
public final class ThreadViews {
    private ThreadViews() {
    }

    /** Message flag HAS_THREAD: the message started a thread. */
    public static final int HAS_THREAD = 1 << 5;

    /**
     * A thread's starter message: it carries the thread as {@code thread} and the HAS_THREAD flag (discord.js reads
     * the flag for {@code message.hasThread}).
     */
    public static ObjectNode starter(ObjectNode message, GuildThread thread) {
        message.set("thread", thread(thread));
        message.put("flags", message.path("flags").asInt() | HAS_THREAD);
        return message;
    }

    /** The thread channel object (no {@code member}). */
    public static ObjectNode thread(GuildThread t) {
        ObjectNode o = Json.object();
        o.put("id", Json.id(t.id()));
        o.put("type", t.channel().type());
        o.put("guild_id", Json.id(t.guildId()));
        o.put("parent_id", Json.id(t.parentId()));
        o.put("owner_id", Json.id(t.meta().ownerId()));
        o.put("name", t.channel().name());
        if (t.channel().lastMessageId() == null) {
            o.putNull("last_message_id");
        } else {
            o.put("last_message_id", Json.id(t.channel().lastMessageId()));
        }
        o.put("rate_limit_per_user", t.channel().rateLimitPerUser());
        o.put("flags", 0);
        o.put("message_count", t.meta().messageCount());
        o.put("total_message_sent", t.meta().totalMessageSent());
        o.put("member_count", Math.min(ThreadStore.MEMBER_COUNT_CAP, t.meta().memberCount()));
        ObjectNode md = o.putObject("thread_metadata");
        md.put("archived", t.meta().archived());
        md.put("auto_archive_duration", t.meta().autoArchiveDuration());
        md.put("archive_timestamp", Json.timestamp(t.meta().archiveTimestamp()));
        md.put("locked", t.meta().locked());
        if (t.isPrivate()) {
            md.put("invitable", t.meta().invitable());
        }
        md.put("create_timestamp", Json.timestamp(t.meta().createTimestamp()));
        return o;
    }

    /** The thread with the caller's thread member object as {@code member} when they joined. */
    public static ObjectNode thread(GuildThread t, ThreadMember self) {
        ObjectNode o = thread(t);
        if (self != null) {
            o.set("member", member(self));
        }
        return o;
    }

    /** Thread member object with {@code id} and {@code user_id}. */
    public static ObjectNode member(ThreadMember m) {
        ObjectNode o = Json.object();
        o.put("id", Json.id(m.threadId()));
        o.put("user_id", Json.id(m.userId()));
        o.put("join_timestamp", Json.timestamp(m.joinTimestamp()));
        o.put("flags", m.flags());
        return o;
    }

    /** Thread member object with the guild member (with_member, THREAD_MEMBERS_UPDATE's added_members). */
    public static ObjectNode member(ThreadMember m, Member guildMember) {
        ObjectNode o = member(m);
        if (guildMember != null) {
            o.set("member", GuildViews.member(guildMember, true));
        }
        return o;
    }

    /** Thread member as GUILD_CREATE carries it: without {@code id} and {@code user_id}. */
    public static ObjectNode gatewayMember(ThreadMember m) {
        ObjectNode o = Json.object();
        o.put("join_timestamp", Json.timestamp(m.joinTimestamp()));
        o.put("flags", m.flags());
        return o;
    }

    /** THREAD_DELETE: id, guild_id, parent_id and type. */
    public static ObjectNode deleted(GuildThread t) {
        ObjectNode o = Json.object();
        o.put("id", Json.id(t.id()));
        o.put("guild_id", Json.id(t.guildId()));
        o.put("parent_id", Json.id(t.parentId()));
        o.put("type", t.channel().type());
        return o;
    }
}
