package dev.guildhall.automod.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

/**
 * Discord's action metadata: {@code channel_id} (SEND_ALERT_MESSAGE), {@code duration_seconds} (TIMEOUT),
 * {@code custom_message} (BLOCK_MESSAGE). Absent fields are null and not written.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionMetadata(
        @JsonProperty("channel_id") @JsonSerialize(using = ToStringSerializer.class) Long channelId,
        @JsonProperty("duration_seconds") Integer durationSeconds,
        @JsonProperty("custom_message") String customMessage) {

    public static ActionMetadata alertTo(long channelId) {
        return new ActionMetadata(channelId, null, null);
    }

    public static ActionMetadata timeout(int durationSeconds) {
        return new ActionMetadata(null, durationSeconds, null);
    }

    public static ActionMetadata blockWith(String customMessage) {
        return new ActionMetadata(null, null, customMessage);
    }
}
