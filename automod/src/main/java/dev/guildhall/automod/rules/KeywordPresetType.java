package dev.guildhall.automod.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Discord's keyword preset types (the internal word sets of a KEYWORD_PRESET rule). */
public enum KeywordPresetType {
    PROFANITY(1),
    SEXUAL_CONTENT(2),
    SLURS(3);

    private final int value;

    KeywordPresetType(int value) {
        this.value = value;
    }

    @JsonValue
    public int value() {
        return value;
    }

    @JsonCreator
    public static KeywordPresetType of(int value) {
        for (KeywordPresetType t : values()) {
            if (t.value == value) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown keyword preset type " + value);
    }
}
