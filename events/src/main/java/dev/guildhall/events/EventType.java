package dev.guildhall.events;

import dev.guildhall.events.payload.AutoModActionExecuted;
import dev.guildhall.events.payload.AutoModReviewResolved;
import dev.guildhall.events.payload.AutoModRuleChanged;
import dev.guildhall.events.payload.AutoModVerdict;
import dev.guildhall.events.payload.ChannelCreated;
import dev.guildhall.events.payload.ChannelDeleted;
import dev.guildhall.events.payload.ChannelUpdated;
import dev.guildhall.events.payload.GuildDeleted;
import dev.guildhall.events.payload.GuildUpdated;
import dev.guildhall.events.payload.InviteCreated;
import dev.guildhall.events.payload.InviteDeleted;
import dev.guildhall.events.payload.MemberJoined;
import dev.guildhall.events.payload.MemberLeft;
import dev.guildhall.events.payload.MemberUpdated;
import dev.guildhall.events.payload.CommandChanged;
import dev.guildhall.events.payload.MessageCreated;
import dev.guildhall.events.payload.MessageDeleted;
import dev.guildhall.events.payload.MessagePinChanged;
import dev.guildhall.events.payload.MessageUpdated;
import dev.guildhall.events.payload.PresenceUpdated;
import dev.guildhall.events.payload.ReactionAdded;
import dev.guildhall.events.payload.ModerationAction;
import dev.guildhall.events.payload.ReactionRemoved;
import dev.guildhall.events.payload.RoleCreated;
import dev.guildhall.events.payload.RoleDeleted;
import dev.guildhall.events.payload.RoleUpdated;
import dev.guildhall.events.payload.StaffRoleChanged;
import dev.guildhall.events.payload.ThreadCreated;
import dev.guildhall.events.payload.ThreadDeleted;
import dev.guildhall.events.payload.ThreadMembersChanged;
import dev.guildhall.events.payload.ThreadUpdated;
import dev.guildhall.events.payload.VoiceAlert;
import dev.guildhall.events.payload.VoiceQualitySample;
import dev.guildhall.events.payload.VoiceServerHealth;
import dev.guildhall.events.payload.VoiceServerHeartbeat;
import dev.guildhall.events.payload.VoiceSessionJoined;
import dev.guildhall.events.payload.VoiceSessionLeft;
import dev.guildhall.events.payload.WebhookChanged;

import java.util.Arrays;
import java.util.Optional;

/** Every event type of the contract: wire name, current schema version, payload class and topic. */
public enum EventType {
    MESSAGE_CREATED("message.created", 1, MessageCreated.class, Topics.MESSAGES),
    MESSAGE_UPDATED("message.updated", 1, MessageUpdated.class, Topics.MESSAGES),
    MESSAGE_DELETED("message.deleted", 1, MessageDeleted.class, Topics.MESSAGES),
    REACTION_ADDED("reaction.added", 1, ReactionAdded.class, Topics.MESSAGES),
    REACTION_REMOVED("reaction.removed", 1, ReactionRemoved.class, Topics.MESSAGES),
    MESSAGE_PIN_CHANGED("message.pin_changed", 1, MessagePinChanged.class, Topics.MESSAGES),
    VOICE_QUALITY("voice.quality", 2, VoiceQualitySample.class, Topics.VOICE_QUALITY),
    VOICE_ALERT("alert.voice", 2, VoiceAlert.class, Topics.ALERTS),
    CHANNEL_CREATED("channel.created", 1, ChannelCreated.class, Topics.GUILDS),
    CHANNEL_UPDATED("channel.updated", 1, ChannelUpdated.class, Topics.GUILDS),
    CHANNEL_DELETED("channel.deleted", 1, ChannelDeleted.class, Topics.GUILDS),
    GUILD_UPDATED("guild.updated", 1, GuildUpdated.class, Topics.GUILDS),
    GUILD_DELETED("guild.deleted", 1, GuildDeleted.class, Topics.GUILDS),
    ROLE_CREATED("role.created", 1, RoleCreated.class, Topics.GUILDS),
    ROLE_UPDATED("role.updated", 1, RoleUpdated.class, Topics.GUILDS),
    ROLE_DELETED("role.deleted", 1, RoleDeleted.class, Topics.GUILDS),
    INVITE_CREATED("invite.created", 1, InviteCreated.class, Topics.GUILDS),
    INVITE_DELETED("invite.deleted", 1, InviteDeleted.class, Topics.GUILDS),
    MEMBER_JOINED("member.joined", 1, MemberJoined.class, Topics.MEMBERS),
    MEMBER_UPDATED("member.updated", 1, MemberUpdated.class, Topics.MEMBERS),
    MEMBER_LEFT("member.left", 1, MemberLeft.class, Topics.MEMBERS),
    MODERATION_ACTION("moderation.action", 1, ModerationAction.class, Topics.MODERATION),
    THREAD_CREATED("thread.created", 1, ThreadCreated.class, Topics.GUILDS),
    THREAD_UPDATED("thread.updated", 1, ThreadUpdated.class, Topics.GUILDS),
    THREAD_DELETED("thread.deleted", 1, ThreadDeleted.class, Topics.GUILDS),
    THREAD_MEMBERS_CHANGED("thread.members_changed", 1, ThreadMembersChanged.class, Topics.GUILDS),
    COMMAND_CHANGED("command.changed", 1, CommandChanged.class, Topics.GUILDS),
    PRESENCE_UPDATED("presence.updated", 1, PresenceUpdated.class, Topics.PRESENCE),
    WEBHOOK_CHANGED("webhook.changed", 1, WebhookChanged.class, Topics.GUILDS),
    VOICE_SESSION_JOINED("voice.session.joined", 1, VoiceSessionJoined.class, Topics.VOICE_SESSIONS),
    VOICE_SESSION_LEFT("voice.session.left", 1, VoiceSessionLeft.class, Topics.VOICE_SESSIONS),
    AUTOMOD_RULE_CHANGED("automod.rule_changed", 1, AutoModRuleChanged.class, Topics.GUILDS),
    AUTOMOD_ACTION("automod.action", 1, AutoModActionExecuted.class, Topics.MODERATION),
    AUTOMOD_VERDICT("automod.verdict", 1, AutoModVerdict.class, Topics.AUTOMOD_VERDICTS),
    VOICE_SERVER_HEARTBEAT("voice.server.heartbeat", 2, VoiceServerHeartbeat.class, Topics.VOICE_SERVERS),
    VOICE_SERVER_HEALTH("voice.server.health", 1, VoiceServerHealth.class, Topics.VOICE_HEALTH),
    AUTOMOD_REVIEW_RESOLVED("automod.review_resolved", 1, AutoModReviewResolved.class, Topics.MODERATION),
    STAFF_ROLE_CHANGED("staff.role_changed", 1, StaffRoleChanged.class, Topics.MODERATION);

    private final String wireName;
    private final int version;
    private final Class<? extends Record> payloadClass;
    private final String topic;

    EventType(String wireName, int version, Class<? extends Record> payloadClass, String topic) {
        this.wireName = wireName;
        this.version = version;
        this.payloadClass = payloadClass;
        this.topic = topic;
    }

    public String wireName() {
        return wireName;
    }

    public int version() {
        return version;
    }

    public Class<? extends Record> payloadClass() {
        return payloadClass;
    }

    public String topic() {
        return topic;
    }

    public static Optional<EventType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    public static EventType of(Class<? extends Record> payloadClass) {
        return Arrays.stream(values()).filter(t -> t.payloadClass.equals(payloadClass)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no event type for " + payloadClass.getName()));
    }
}
