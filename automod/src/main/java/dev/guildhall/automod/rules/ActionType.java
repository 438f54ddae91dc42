package dev.guildhall.automod.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Discord's action types, plus Guildhall's FLAG_TO_QUEUE (moderation review queue) at 100. */
public enum ActionType {
    BLOCK_MESSAGE(1),
    SEND_ALERT_MESSAGE(2),
    TIMEOUT(3),
    BLOCK_MEMBER_INTERACTION(4),
    /** Guildhall: the message is stored and put in the moderation review queue. */
    FLAG_TO_QUEUE(100);

    private final int value;

    ActionType(int value) {
        this.value = value;
    }

    @JsonValue
    public int value() {
        return value;
    }

    @JsonCreator
    public static ActionType of(int value) {
        for (ActionType t : values()) {
            if (t.value == value) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown action type " + value);
    }
}
