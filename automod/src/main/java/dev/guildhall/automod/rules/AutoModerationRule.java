package dev.guildhall.automod.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.util.List;

/** Discord's auto moderation rule object; snowflakes are written as strings and read from strings or numbers. */
public record AutoModerationRule(
        @JsonProperty("id") @JsonSerialize(using = ToStringSerializer.class) long id,
        @JsonProperty("guild_id") @JsonSerialize(using = ToStringSerializer.class) long guildId,
        @JsonProperty("name") String name,
        @JsonProperty("creator_id") @JsonSerialize(using = ToStringSerializer.class) long creatorId,
        @JsonProperty("event_type") EventType eventType,
        @JsonProperty("trigger_type") TriggerType triggerType,
        @JsonProperty("trigger_metadata") TriggerMetadata triggerMetadata,
        @JsonProperty("actions") List<Action> actions,
        @JsonProperty("enabled") boolean enabled,
        @JsonProperty("exempt_roles") @JsonSerialize(contentUsing = ToStringSerializer.class) List<Long> exemptRoles,
        @JsonProperty("exempt_channels") @JsonSerialize(contentUsing = ToStringSerializer.class) List<Long> exemptChannels) {

    public AutoModerationRule {
        exemptRoles = exemptRoles == null ? List.of() : exemptRoles;
        exemptChannels = exemptChannels == null ? List.of() : exemptChannels;
        actions = actions == null ? List.of() : actions;
        triggerMetadata = triggerMetadata == null ? TriggerMetadata.empty() : triggerMetadata;
    }
}
