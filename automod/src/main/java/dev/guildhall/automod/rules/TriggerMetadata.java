package dev.guildhall.automod.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Discord's trigger metadata. Which fields matter depends on the trigger type; absent fields are null and
 * not written. {@code score_threshold} (0..1) is Guildhall's, for ML_TOXICITY and ML_SPAM.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TriggerMetadata(
        @JsonProperty("keyword_filter") List<String> keywordFilter,
        @JsonProperty("regex_patterns") List<String> regexPatterns,
        @JsonProperty("presets") List<KeywordPresetType> presets,
        @JsonProperty("allow_list") List<String> allowList,
        @JsonProperty("mention_total_limit") Integer mentionTotalLimit,
        @JsonProperty("mention_raid_protection_enabled") Boolean mentionRaidProtectionEnabled,
        @JsonProperty("score_threshold") Double scoreThreshold) {

    public static TriggerMetadata keywords(List<String> keywordFilter, List<String> regexPatterns, List<String> allowList) {
        return new TriggerMetadata(keywordFilter, regexPatterns, null, allowList, null, null, null);
    }

    public static TriggerMetadata presets(List<KeywordPresetType> presets, List<String> allowList) {
        return new TriggerMetadata(null, null, presets, allowList, null, null, null);
    }

    public static TriggerMetadata mentionLimit(int limit, boolean raidProtection) {
        return new TriggerMetadata(null, null, null, null, limit, raidProtection, null);
    }

    public static TriggerMetadata scoreThreshold(double threshold) {
        return new TriggerMetadata(null, null, null, null, null, null, threshold);
    }

    public static TriggerMetadata empty() {
        return new TriggerMetadata(null, null, null, null, null, null, null);
    }

    /**
     * The metadata as Discord returns it for a trigger type: the type's fields present (empty lists, limit 0,
     * raid protection false when not given), the others dropped.
     */
    public TriggerMetadata forType(TriggerType type) {
        return switch (type) {
            case KEYWORD, MEMBER_PROFILE -> new TriggerMetadata(orEmpty(keywordFilter), orEmpty(regexPatterns), null,
                    orEmpty(allowList), null, null, null);
            case KEYWORD_PRESET -> new TriggerMetadata(null, null, orEmpty(presets), orEmpty(allowList), null, null, null);
            case MENTION_SPAM -> new TriggerMetadata(null, null, null, null,
                    mentionTotalLimit == null ? 0 : mentionTotalLimit,
                    mentionRaidProtectionEnabled != null && mentionRaidProtectionEnabled, null);
            case SPAM -> empty();
            case ML_TOXICITY, ML_SPAM -> new TriggerMetadata(null, null, null, null, null, null, scoreThreshold);
        };
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
