package dev.guildhall.automod.rules;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a rule against Discord's documented limits and returns Discord-style field errors (empty when valid).
 * {@code rulesOfTypeInGuild} is the number of other rules of each trigger type the guild already has (the rule
 * being updated excluded), for the per-guild maximum.
 */
public final class RuleValidator {
    public static final int NAME_MAX = 100;
    public static final int KEYWORD_FILTER_MAX = 1000;
    public static final int KEYWORD_MAX_CHARS = 60;
    public static final int REGEX_PATTERNS_MAX = 10;
    public static final int REGEX_MAX_CHARS = 260;
    public static final int ALLOW_LIST_MAX_KEYWORD = 100;
    public static final int ALLOW_LIST_MAX_PRESET = 1000;
    public static final int MENTION_TOTAL_LIMIT_MAX = 50;
    public static final int EXEMPT_ROLES_MAX = 20;
    public static final int EXEMPT_CHANNELS_MAX = 50;
    public static final int CUSTOM_MESSAGE_MAX = 150;
    public static final int TIMEOUT_MAX_SECONDS = 2_419_200;

    /** Discord allows TIMEOUT only on KEYWORD and MENTION_SPAM rules; Guildhall also on its model-score rules. */
    private static final Set<TriggerType> TIMEOUT_TRIGGERS =
            EnumSet.of(TriggerType.KEYWORD, TriggerType.MENTION_SPAM, TriggerType.ML_TOXICITY, TriggerType.ML_SPAM);

    private RuleValidator() {
    }

    public static List<FieldError> validate(AutoModerationRule rule, Map<TriggerType, Integer> rulesOfTypeInGuild) {
        List<FieldError> errors = new ArrayList<>();
        String name = rule.name();
        if (name == null) {
            errors.add(required("name"));
        } else if (name.isBlank() || name.codePointCount(0, name.length()) > NAME_MAX) {
            errors.add(new FieldError("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and " + NAME_MAX + " in length."));
        }
        if (rule.eventType() == null) {
            errors.add(required("event_type"));
        }
        TriggerType type = rule.triggerType();
        if (type == null) {
            errors.add(required("trigger_type"));
        } else {
            int existing = rulesOfTypeInGuild.getOrDefault(type, 0);
            if (existing >= type.maxPerGuild()) {
                errors.add(new FieldError("trigger_type", "AUTO_MODERATION_MAX_RULES_OF_TYPE_EXCEEDED",
                        "Maximum number of rules of this type reached (" + type.maxPerGuild() + ")."));
            }
            EventType expected = type == TriggerType.MEMBER_PROFILE ? EventType.MEMBER_UPDATE : EventType.MESSAGE_SEND;
            if (rule.eventType() != null && rule.eventType() != expected) {
                errors.add(new FieldError("event_type", "AUTO_MODERATION_INVALID_EVENT_TYPE",
                        "Trigger type " + type.value() + " requires event type " + expected.value() + "."));
            }
            validateMetadata(type, rule.triggerMetadata(), errors);
        }
        validateActions(type, rule.actions(), errors);
        maxLength(errors, "exempt_roles", rule.exemptRoles().size(), EXEMPT_ROLES_MAX);
        maxLength(errors, "exempt_channels", rule.exemptChannels().size(), EXEMPT_CHANNELS_MAX);
        return errors;
    }

    private static void validateMetadata(TriggerType type, TriggerMetadata m, List<FieldError> errors) {
        switch (type) {
            case KEYWORD, MEMBER_PROFILE -> {
                strings(errors, "trigger_metadata.keyword_filter", m.keywordFilter(), KEYWORD_FILTER_MAX, KEYWORD_MAX_CHARS);
                strings(errors, "trigger_metadata.regex_patterns", m.regexPatterns(), REGEX_PATTERNS_MAX, REGEX_MAX_CHARS);
                strings(errors, "trigger_metadata.allow_list", m.allowList(), ALLOW_LIST_MAX_KEYWORD, KEYWORD_MAX_CHARS);
                regexes(errors, m.regexPatterns());
                if (isEmpty(m.keywordFilter()) && isEmpty(m.regexPatterns())) {
                    errors.add(new FieldError("trigger_metadata", "AUTO_MODERATION_TRIGGER_METADATA_REQUIRED",
                            "A keyword rule needs keyword_filter or regex_patterns."));
                }
            }
            case KEYWORD_PRESET -> {
                strings(errors, "trigger_metadata.allow_list", m.allowList(), ALLOW_LIST_MAX_PRESET, KEYWORD_MAX_CHARS);
                if (m.presets() != null && m.presets().stream().anyMatch(java.util.Objects::isNull)) {
                    errors.add(new FieldError("trigger_metadata.presets", "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3}."));
                }
            }
            case MENTION_SPAM -> {
                Integer limit = m.mentionTotalLimit();
                if (limit != null && (limit < 0 || limit > MENTION_TOTAL_LIMIT_MAX)) {
                    errors.add(new FieldError("trigger_metadata.mention_total_limit", "NUMBER_TYPE_MAX",
                            "int value should be between 0 and " + MENTION_TOTAL_LIMIT_MAX + "."));
                }
            }
            case ML_TOXICITY, ML_SPAM -> {
                Double t = m.scoreThreshold();
                if (t == null) {
                    errors.add(required("trigger_metadata.score_threshold"));
                } else if (!(t >= 0.0 && t <= 1.0)) {
                    errors.add(new FieldError("trigger_metadata.score_threshold", "NUMBER_TYPE_MAX",
                            "float value should be between 0 and 1."));
                }
            }
            case SPAM -> {
                // no metadata
            }
        }
    }

    private static void validateActions(TriggerType type, List<Action> actions, List<FieldError> errors) {
        if (actions.isEmpty()) {
            errors.add(required("actions"));
            return;
        }
        for (int i = 0; i < actions.size(); i++) {
            String path = "actions." + i;
            Action action = actions.get(i);
            if (action == null || action.type() == null) {
                errors.add(required(path + ".type"));
                continue;
            }
            ActionMetadata md = action.metadata();
            switch (action.type()) {
                case BLOCK_MESSAGE -> {
                    if (md != null && md.customMessage() != null
                            && md.customMessage().codePointCount(0, md.customMessage().length()) > CUSTOM_MESSAGE_MAX) {
                        errors.add(new FieldError(path + ".metadata.custom_message", "BASE_TYPE_MAX_LENGTH",
                                "Must be " + CUSTOM_MESSAGE_MAX + " or fewer in length."));
                    }
                }
                case SEND_ALERT_MESSAGE -> {
                    if (md == null || md.channelId() == null) {
                        errors.add(required(path + ".metadata.channel_id"));
                    }
                }
                case TIMEOUT -> {
                    if (md == null || md.durationSeconds() == null) {
                        errors.add(required(path + ".metadata.duration_seconds"));
                    } else if (md.durationSeconds() < 0 || md.durationSeconds() > TIMEOUT_MAX_SECONDS) {
                        errors.add(new FieldError(path + ".metadata.duration_seconds", "NUMBER_TYPE_MAX",
                                "int value should be between 0 and " + TIMEOUT_MAX_SECONDS + "."));
                    }
                    if (type != null && !TIMEOUT_TRIGGERS.contains(type)) {
                        errors.add(new FieldError(path + ".type", "AUTO_MODERATION_INVALID_ACTION",
                                "A TIMEOUT action can only be set up for KEYWORD and MENTION_SPAM rules."));
                    }
                }
                case BLOCK_MEMBER_INTERACTION -> {
                    if (type != null && type != TriggerType.MEMBER_PROFILE) {
                        errors.add(new FieldError(path + ".type", "AUTO_MODERATION_INVALID_ACTION",
                                "BLOCK_MEMBER_INTERACTION can only be set up for MEMBER_PROFILE rules."));
                    }
                }
                case FLAG_TO_QUEUE -> {
                    if (type == TriggerType.MEMBER_PROFILE) {
                        errors.add(new FieldError(path + ".type", "AUTO_MODERATION_INVALID_ACTION",
                                "FLAG_TO_QUEUE applies to messages only."));
                    }
                }
            }
        }
    }

    private static void strings(List<FieldError> errors, String path, List<String> values, int maxItems, int maxChars) {
        if (values == null) {
            return;
        }
        maxLength(errors, path, values.size(), maxItems);
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (v == null) {
                errors.add(new FieldError(path + "." + i, "BASE_TYPE_STRING", "Must be a string."));
            } else if (v.isEmpty() || v.codePointCount(0, v.length()) > maxChars) {
                errors.add(new FieldError(path + "." + i, "BASE_TYPE_BAD_LENGTH", "Must be between 1 and " + maxChars + " in length."));
            }
        }
    }

    private static void regexes(List<FieldError> errors, List<String> patterns) {
        if (patterns == null) {
            return;
        }
        for (int i = 0; i < patterns.size(); i++) {
            String p = patterns.get(i);
            if (p == null || p.codePointCount(0, p.length()) > REGEX_MAX_CHARS) {
                continue;
            }
            try {
                Pattern.compile(p);
            } catch (PatternSyntaxException e) {
                errors.add(new FieldError("trigger_metadata.regex_patterns." + i, "AUTO_MODERATION_INVALID_REGEX",
                        "Invalid regex: " + e.getDescription() + "."));
            }
        }
    }

    private static void maxLength(List<FieldError> errors, String path, int size, int max) {
        if (size > max) {
            errors.add(new FieldError(path, "BASE_TYPE_MAX_LENGTH", "Must be " + max + " or fewer in length."));
        }
    }

    private static boolean isEmpty(List<?> list) {
        return list == null || list.isEmpty();
    }

    private static FieldError required(String path) {
        return new FieldError(path, "BASE_TYPE_REQUIRED", "This field is required");
    }
}
