package dev.guildhall.automod.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Discord's rule event types: in which context a rule is checked. */
public enum EventType {
    MESSAGE_SEND(1),
    MEMBER_UPDATE(2);

    private final int value;

    EventType(int value) {
        this.value = value;
    }

    @JsonValue
    public int value() {
        return value;
    }

    @JsonCreator
    public static EventType of(int value) {
        for (EventType t : values()) {
            if (t.value == value) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown event type " + value);
    }
}
