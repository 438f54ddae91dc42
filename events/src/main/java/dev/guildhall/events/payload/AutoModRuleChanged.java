package dev.guildhall.events.payload;

/**
 * An AutoMod rule was created, updated or deleted (type {@code automod.rule_changed}, topic
 * {@code guildhall.guilds}). Carries the rule's identity and shape, not its keyword lists.
 *
 * @param action      {@code created}, {@code updated} or {@code deleted}
 * @param triggerType Discord's trigger type value (1 KEYWORD ... 100 ML_TOXICITY, 101 ML_SPAM)
 * @param actionTypes the rule's action type values (1 BLOCK_MESSAGE, 2 SEND_ALERT_MESSAGE, 3 TIMEOUT, 100 FLAG_TO_QUEUE)
 * @param actorId     the member who made the change
 */
public record AutoModRuleChanged(String ruleId, String name, String action, int triggerType,
                                 java.util.List<Integer> actionTypes, boolean enabled, String actorId,
                                 long occurredAt) {
    public static final String CREATED = "created";
    public static final String UPDATED = "updated";
    public static final String DELETED = "deleted";
}
