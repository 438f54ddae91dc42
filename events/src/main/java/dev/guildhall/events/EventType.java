package dev.guildhall.events;

import dev.guildhall.events.payload.CommandChanged;
import dev.guildhall.events.payload.MessageCreated;
import dev.guildhall.events.payload.MessageDeleted;
import dev.guildhall.events.payload.MessagePinChanged;
import dev.guildhall.events.payload.MessageUpdated;
import dev.guildhall.events.payload.ReactionAdded;
import dev.guildhall.events.payload.ReactionRemoved;
import dev.guildhall.events.payload.VoiceAlert;
import dev.guildhall.events.payload.VoiceQualitySample;
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
    VOICE_QUALITY("voice.quality", 1, VoiceQualitySample.class, Topics.VOICE_QUALITY),
    VOICE_ALERT("alert.voice", 1, VoiceAlert.class, Topics.ALERTS),
    COMMAND_CHANGED("command.changed", 1, CommandChanged.class, Topics.GUILDS),
    WEBHOOK_CHANGED("webhook.changed", 1, WebhookChanged.class, Topics.GUILDS);

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
