package dev.guildhall.automod.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Discord's trigger types (values and "Max per Guild" as documented), plus Guildhall's model-score triggers
 * in the 100 range so they never collide with a future Discord value.
 */
public enum TriggerType {
    KEYWORD(1, 6),
    SPAM(3, 1),
    KEYWORD_PRESET(4, 1),
    MENTION_SPAM(5, 1),
    MEMBER_PROFILE(6, 1),
    /** Guildhall: the classifier's toxic/harassment score reaches {@code score_threshold}. */
    ML_TOXICITY(100, 1),
    /** Guildhall: the classifier's spam score reaches {@code score_threshold}. */
    ML_SPAM(101, 1);

    private final int value;
    private final int maxPerGuild;

    TriggerType(int value, int maxPerGuild) {
        this.value = value;
        this.maxPerGuild = maxPerGuild;
    }

    @JsonValue
    public int value() {
        return value;
    }

    public int maxPerGuild() {
        return maxPerGuild;
    }

    public boolean isModelScore() {
        return this == ML_TOXICITY || this == ML_SPAM;
    }

    @JsonCreator
    public static TriggerType of(int value) {
        for (TriggerType t : values()) {
            if (t.value == value) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown trigger type " + value);
    }
}
