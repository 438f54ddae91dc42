package dev.guildhall.automod.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Discord's auto moderation action object: a type and, depending on the type, metadata. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Action(@JsonProperty("type") ActionType type, @JsonProperty("metadata") ActionMetadata metadata) {

    public static Action block() {
        return new Action(ActionType.BLOCK_MESSAGE, null);
    }

    public static Action block(String customMessage) {
        return new Action(ActionType.BLOCK_MESSAGE, ActionMetadata.blockWith(customMessage));
    }

    public static Action alert(long channelId) {
        return new Action(ActionType.SEND_ALERT_MESSAGE, ActionMetadata.alertTo(channelId));
    }

    public static Action timeout(int durationSeconds) {
        return new Action(ActionType.TIMEOUT, ActionMetadata.timeout(durationSeconds));
    }

    public static Action flag() {
        return new Action(ActionType.FLAG_TO_QUEUE, null);
    }
}
