package dev.guildhall.automod.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.guildhall.automod.rules.Action;
import dev.guildhall.automod.rules.TriggerType;

/**
 * Discord's AUTO_MODERATION_ACTION_EXECUTION gateway payload for one executed action. {@code channel_id},
 * {@code message_id} (absent when the message was blocked) and {@code alert_system_message_id} (only for
 * SEND_ALERT_MESSAGE) are left out when null; {@code matched_keyword}/{@code matched_content} are written as null.
 */
public record ActionExecution(
        @JsonProperty("guild_id") @JsonSerialize(using = ToStringSerializer.class) long guildId,
        @JsonProperty("action") Action action,
        @JsonProperty("rule_id") @JsonSerialize(using = ToStringSerializer.class) long ruleId,
        @JsonProperty("rule_trigger_type") TriggerType ruleTriggerType,
        @JsonProperty("user_id") @JsonSerialize(using = ToStringSerializer.class) long userId,
        @JsonProperty("channel_id") @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonSerialize(using = ToStringSerializer.class) Long channelId,
        @JsonProperty("message_id") @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonSerialize(using = ToStringSerializer.class) Long messageId,
        @JsonProperty("alert_system_message_id") @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonSerialize(using = ToStringSerializer.class) Long alertSystemMessageId,
        @JsonProperty("content") String content,
        @JsonProperty("matched_keyword") String matchedKeyword,
        @JsonProperty("matched_content") String matchedContent) {

    /** The payload for an action of a verdict on a message by {@code userId} in {@code channelId}. */
    public static ActionExecution of(long guildId, long userId, long channelId, Long messageId, Long alertSystemMessageId,
                                     String content, RuleAction ruleAction) {
        RuleMatch match = ruleAction.match();
        return new ActionExecution(guildId, ruleAction.action(), match.rule().id(), match.rule().triggerType(), userId,
                channelId, messageId, alertSystemMessageId, content, match.matchedKeyword(), match.matchedContent());
    }

    /** As sent to a session without the MESSAGE_CONTENT intent: {@code content} and {@code matched_content} empty. */
    public ActionExecution withoutContent() {
        return new ActionExecution(guildId, action, ruleId, ruleTriggerType, userId, channelId, messageId,
                alertSystemMessageId, "", matchedKeyword, matchedContent == null ? null : "");
    }
}
