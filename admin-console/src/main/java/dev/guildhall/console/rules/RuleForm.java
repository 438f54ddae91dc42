package dev.guildhall.console.rules;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.guildhall.automod.rules.Action;
import dev.guildhall.automod.rules.ActionMetadata;
import dev.guildhall.automod.rules.ActionType;
import dev.guildhall.automod.rules.AutoModerationRule;
import dev.guildhall.automod.rules.EventType;
import dev.guildhall.automod.rules.KeywordPresetType;
import dev.guildhall.automod.rules.TriggerMetadata;
import dev.guildhall.automod.rules.TriggerType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The fields of one AutoMod rule in Discord's model: trigger (and its metadata: keywords, regex patterns,
 * allow-list, presets, mention limit and raid protection, Guildhall's score threshold), actions (block with a
 * custom message, alert channel, timeout, flag to the review queue), exempt roles and channels. Builds the rule
 * object and shows core-server's 50035 errors next to the fields they name.
 */
class RuleForm extends VerticalLayout {

    static final Map<TriggerType, String> TRIGGER_LABELS = new LinkedHashMap<>();

    static {
        TRIGGER_LABELS.put(TriggerType.KEYWORD, "Keywords and patterns");
        TRIGGER_LABELS.put(TriggerType.KEYWORD_PRESET, "Keyword presets");
        TRIGGER_LABELS.put(TriggerType.MENTION_SPAM, "Mention spam");
        TRIGGER_LABELS.put(TriggerType.SPAM, "Spam");
        TRIGGER_LABELS.put(TriggerType.MEMBER_PROFILE, "Member profile words");
        TRIGGER_LABELS.put(TriggerType.ML_TOXICITY, "Toxicity score (Guildhall model)");
        TRIGGER_LABELS.put(TriggerType.ML_SPAM, "Spam score (Guildhall model)");
    }

    private final TextField name = new TextField("Rule name");
    private final Select<TriggerType> trigger = new Select<>();
    private final Checkbox enabled = new Checkbox("Enabled");
    private final TextArea keywords = new TextArea("Keywords (one per line; * for wildcards)");
    private final TextArea regex = new TextArea("Regex patterns (one per line, RE2 syntax)");
    private final TextArea allow = new TextArea("Allow-list (one per line; never matched)");
    private final CheckboxGroup<KeywordPresetType> presets = new CheckboxGroup<>("Presets");
    private final IntegerField mentionLimit = new IntegerField("Mention limit (unique users and roles, ≤ 50)");
    private final Checkbox raid = new Checkbox("Mention raid protection");
    private final NumberField threshold = new NumberField("Score threshold (0–1)");
    private final Checkbox block = new Checkbox("Block the message");
    private final TextField blockMessage = new TextField("Custom message shown to the author (≤ 150)");
    private final Checkbox alert = new Checkbox("Send an alert");
    private final Select<TextChannel> alertChannel = new Select<>();
    private final Checkbox timeout = new Checkbox("Time the author out");
    private final IntegerField timeoutSeconds = new IntegerField("Timeout (seconds, ≤ 2419200)");
    private final Checkbox flag = new Checkbox("Flag to the review queue");
    private final MultiSelectComboBox<GuildRole> exemptRoles = new MultiSelectComboBox<>("Exempt roles");
    private final MultiSelectComboBox<TextChannel> exemptChannels = new MultiSelectComboBox<>("Exempt channels");
    private final Div generalErrors = new Div();
    private final List<HasValidation> validated = List.of(name, trigger, keywords, regex, allow, presets,
            mentionLimit, threshold, blockMessage, alertChannel, timeoutSeconds, exemptRoles, exemptChannels);

    private long guildId;
    private long ruleId;
    private long creatorId;
    /** Action types in the order of the last built rule's actions (maps {@code actions.N} errors to fields). */
    private List<ActionType> actionOrder = List.of();

    RuleForm() {
        setPadding(false);
        setId("rule-form");
        name.setId("rule-name");
        name.setWidthFull();
        trigger.setLabel("Trigger");
        trigger.setId("rule-trigger");
        trigger.setItems(TRIGGER_LABELS.keySet());
        trigger.setItemLabelGenerator(TRIGGER_LABELS::get);
        trigger.addValueChangeListener(e -> showTriggerFields());
        enabled.setId("rule-enabled");
        keywords.setId("rule-keywords");
        regex.setId("rule-regex");
        allow.setId("rule-allow");
        for (TextArea area : List.of(keywords, regex, allow)) {
            area.setWidthFull();
            area.setMaxHeight("9rem");
        }
        presets.setId("rule-presets");
        presets.setItems(KeywordPresetType.values());
        presets.setItemLabelGenerator(p -> switch (p) {
            case PROFANITY -> "Profanity";
            case SEXUAL_CONTENT -> "Sexual content";
            case SLURS -> "Slurs";
        });
        mentionLimit.setId("rule-mention-limit");
        raid.setId("rule-raid");
        threshold.setId("rule-threshold");
        threshold.setStep(0.05);
        block.setId("action-block");
        blockMessage.setId("action-block-message");
        alert.setId("action-alert");
        alertChannel.setLabel("Alert channel");
        alertChannel.setId("action-alert-channel");
        alertChannel.setItemLabelGenerator(TextChannel::label);
        timeout.setId("action-timeout");
        timeoutSeconds.setId("action-timeout-seconds");
        flag.setId("action-flag");
        exemptRoles.setId("rule-exempt-roles");
        exemptRoles.setItemLabelGenerator(GuildRole::name);
        exemptChannels.setId("rule-exempt-channels");
        exemptChannels.setItemLabelGenerator(TextChannel::label);
        generalErrors.setId("rule-errors");
        generalErrors.getStyle().set("color", "var(--lumo-error-text-color)");
        block.addValueChangeListener(e -> blockMessage.setEnabled(e.getValue()));
        alert.addValueChangeListener(e -> alertChannel.setEnabled(e.getValue()));
        timeout.addValueChangeListener(e -> timeoutSeconds.setEnabled(e.getValue()));

        FormLayout basics = new FormLayout(name, trigger, enabled);
        FormLayout triggerFields = new FormLayout(keywords, regex, allow, presets, mentionLimit, raid, threshold);
        FormLayout actions = new FormLayout(block, blockMessage, alert, alertChannel, timeout, timeoutSeconds, flag);
        FormLayout exemptions = new FormLayout(exemptRoles, exemptChannels);
        for (FormLayout f : List.of(basics, triggerFields, actions, exemptions)) {
            f.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40rem", 2));
        }
        add(basics, new H4("What triggers it"), triggerFields, new H4("What happens"), actions,
                new H4("Who and where it does not apply"), exemptions, generalErrors);
        newRule(0);
    }

    /** The guild's channels and roles for the pickers. */
    void setContext(EditorContext context) {
        alertChannel.setItems(context.channels());
        exemptChannels.setItems(context.channels());
        exemptRoles.setItems(context.roles());
    }

    /** Empties the form for a new KEYWORD rule that blocks. */
    void newRule(long guild) {
        edit(new AutoModerationRule(0, guild, "", 0, EventType.MESSAGE_SEND, TriggerType.KEYWORD,
                TriggerMetadata.empty(), List.of(Action.block()), true, List.of(), List.of()));
    }

    boolean isNew() {
        return ruleId == 0;
    }

    /** Loads an existing rule (its trigger type cannot change, as in Discord). */
    void edit(AutoModerationRule rule) {
        clearErrors();
        guildId = rule.guildId();
        ruleId = rule.id();
        creatorId = rule.creatorId();
        name.setValue(Objects.toString(rule.name(), ""));
        trigger.setValue(rule.triggerType());
        trigger.setReadOnly(rule.id() != 0);
        enabled.setValue(rule.enabled());
        TriggerMetadata md = rule.triggerMetadata();
        keywords.setValue(lines(md.keywordFilter()));
        regex.setValue(lines(md.regexPatterns()));
        allow.setValue(lines(md.allowList()));
        presets.setValue(md.presets() == null ? Set.of() : Set.copyOf(md.presets()));
        mentionLimit.setValue(md.mentionTotalLimit());
        raid.setValue(Boolean.TRUE.equals(md.mentionRaidProtectionEnabled()));
        threshold.setValue(md.scoreThreshold());
        block.setValue(false);
        blockMessage.clear();
        alert.setValue(false);
        alertChannel.clear();
        timeout.setValue(false);
        timeoutSeconds.setValue(60);
        flag.setValue(false);
        for (Action a : rule.actions()) {
            ActionMetadata m = a.metadata();
            switch (a.type()) {
                case BLOCK_MESSAGE -> {
                    block.setValue(true);
                    blockMessage.setValue(m == null || m.customMessage() == null ? "" : m.customMessage());
                }
                case SEND_ALERT_MESSAGE -> {
                    alert.setValue(true);
                    if (m != null && m.channelId() != null) {
                        alertChannel.getListDataView().getItems().filter(c -> c.id() == m.channelId()).findFirst()
                                .ifPresent(alertChannel::setValue);
                    }
                }
                case TIMEOUT -> {
                    timeout.setValue(true);
                    timeoutSeconds.setValue(m == null ? null : m.durationSeconds());
                }
                case FLAG_TO_QUEUE -> flag.setValue(true);
                default -> { }
            }
        }
        blockMessage.setEnabled(block.getValue());
        alertChannel.setEnabled(alert.getValue());
        timeoutSeconds.setEnabled(timeout.getValue());
        exemptRoles.setValue(exemptRoles.getListDataView().getItems()
                .filter(r -> rule.exemptRoles().contains(r.id())).collect(Collectors.toSet()));
        exemptChannels.setValue(exemptChannels.getListDataView().getItems()
                .filter(c -> rule.exemptChannels().contains(c.id())).collect(Collectors.toSet()));
        showTriggerFields();
    }

    /** The rule the fields describe (not validated here: core-server answers 50035 with field errors). */
    AutoModerationRule toRule() {
        TriggerType type = trigger.getValue();
        TriggerMetadata md = new TriggerMetadata(list(keywords), list(regex),
                List.copyOf(new LinkedHashSet<>(presets.getValue().stream().sorted().toList())), list(allow),
                mentionLimit.getValue(), raid.getValue(), threshold.getValue());
        List<Action> actions = new ArrayList<>();
        if (block.getValue()) {
            String message = blockMessage.getValue().strip();
            actions.add(message.isEmpty() ? Action.block() : Action.block(message));
        }
        if (alert.getValue()) {
            TextChannel channel = alertChannel.getValue();
            actions.add(new Action(ActionType.SEND_ALERT_MESSAGE,
                    new ActionMetadata(channel == null ? null : channel.id(), null, null)));
        }
        if (timeout.getValue()) {
            actions.add(new Action(ActionType.TIMEOUT, new ActionMetadata(null, timeoutSeconds.getValue(), null)));
        }
        if (flag.getValue()) {
            actions.add(Action.flag());
        }
        actionOrder = actions.stream().map(Action::type).toList();
        return new AutoModerationRule(ruleId, guildId, name.getValue().strip(), creatorId,
                type == TriggerType.MEMBER_PROFILE ? EventType.MEMBER_UPDATE : EventType.MESSAGE_SEND, type,
                type == null ? md : md.forType(type), actions, enabled.getValue(),
                exemptRoles.getValue().stream().map(GuildRole::id).sorted().toList(),
                exemptChannels.getValue().stream().map(TextChannel::id).sorted().toList());
    }

    void clearErrors() {
        validated.forEach(f -> {
            f.setInvalid(false);
            f.setErrorMessage(null);
        });
        generalErrors.removeAll();
    }

    /** Shows core-server's field errors (dotted paths) next to their fields; others above the buttons. */
    void showErrors(Map<String, List<String>> errors) {
        clearErrors();
        Map<HasValidation, List<String>> byField = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : errors.entrySet()) {
            String path = e.getKey();
            HasValidation field = fieldOf(path);
            String prefix = itemPrefix(path);
            List<String> messages = e.getValue().stream().map(m -> prefix + m).toList();
            if (field == null) {
                messages.forEach(m -> generalErrors.add(new Div((path.isEmpty() ? "" : path + ": ") + m)));
            } else {
                byField.computeIfAbsent(field, f -> new ArrayList<>()).addAll(messages);
            }
        }
        byField.forEach((field, messages) -> {
            field.setInvalid(true);
            field.setErrorMessage(String.join(" ", messages));
        });
    }

    /** Shows a refusal that names no field. */
    void showGeneralError(String message) {
        clearErrors();
        generalErrors.add(new Div(message));
    }

    private HasValidation fieldOf(String path) {
        String[] p = path.split("\\.");
        switch (p[0]) {
            case "name":
                return name;
            case "trigger_type":
            case "event_type":
                return trigger;
            case "exempt_roles":
                return exemptRoles;
            case "exempt_channels":
                return exemptChannels;
            case "trigger_metadata":
                if (p.length < 2) {
                    return trigger;
                }
                return switch (p[1]) {
                    case "keyword_filter" -> keywords;
                    case "regex_patterns" -> regex;
                    case "allow_list" -> allow;
                    case "presets" -> presets;
                    case "mention_total_limit" -> mentionLimit;
                    case "score_threshold" -> threshold;
                    default -> trigger;
                };
            case "actions":
                if (p.length >= 2 && p[1].matches("\\d+") && Integer.parseInt(p[1]) < actionOrder.size()) {
                    return switch (actionOrder.get(Integer.parseInt(p[1]))) {
                        case BLOCK_MESSAGE -> blockMessage;
                        case SEND_ALERT_MESSAGE -> alertChannel;
                        case TIMEOUT -> timeoutSeconds;
                        default -> null;
                    };
                }
                return null;
            default:
                return null;
        }
    }

    /** "line 4: " for the fourth entry of a list field ({@code trigger_metadata.keyword_filter.3}). */
    private static String itemPrefix(String path) {
        String[] p = path.split("\\.");
        if (p.length == 3 && p[0].equals("trigger_metadata") && p[2].matches("\\d+")) {
            return "line " + (Integer.parseInt(p[2]) + 1) + ": ";
        }
        return "";
    }

    private void showTriggerFields() {
        TriggerType t = trigger.getValue();
        boolean words = t == TriggerType.KEYWORD || t == TriggerType.MEMBER_PROFILE;
        keywords.setVisible(words);
        regex.setVisible(words);
        allow.setVisible(words || t == TriggerType.KEYWORD_PRESET);
        presets.setVisible(t == TriggerType.KEYWORD_PRESET);
        mentionLimit.setVisible(t == TriggerType.MENTION_SPAM);
        raid.setVisible(t == TriggerType.MENTION_SPAM);
        threshold.setVisible(t != null && t.isModelScore());
    }

    private static String lines(List<String> values) {
        return values == null ? "" : String.join("\n", values);
    }

    private static List<String> list(TextArea area) {
        return Arrays.stream(area.getValue().split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
