package dev.guildhall.automod.engine;

import dev.guildhall.automod.rules.Action;
import dev.guildhall.automod.rules.AutoModerationRule;
import dev.guildhall.automod.rules.EventType;
import dev.guildhall.automod.rules.KeywordPresetType;
import dev.guildhall.automod.rules.TriggerMetadata;
import dev.guildhall.automod.rules.TriggerType;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** Test helpers: rules and messages with little ceremony. */
final class Rules {
    static final long GUILD = 1000;
    static final long CHANNEL = 2000;
    static final long AUTHOR = 3000;
    private static final AtomicLong IDS = new AtomicLong(10_000);

    private Rules() {
    }

    static AutoModerationRule rule(TriggerType type, TriggerMetadata md, List<Action> actions) {
        return new AutoModerationRule(IDS.incrementAndGet(), GUILD, type.name().toLowerCase() + " rule", 1L,
                EventType.MESSAGE_SEND, type, md, actions, true, List.of(), List.of());
    }

    static AutoModerationRule keywords(String... keywords) {
        return rule(TriggerType.KEYWORD, TriggerMetadata.keywords(List.of(keywords), List.of(), List.of()),
                List.of(Action.block()));
    }

    static AutoModerationRule presets(KeywordPresetType... presets) {
        return rule(TriggerType.KEYWORD_PRESET, TriggerMetadata.presets(List.of(presets), List.of()), List.of(Action.block()));
    }

    static CompiledRules compile(AutoModerationRule... rules) {
        return CompiledRules.compile(List.of(rules), PresetLibrary.bundled(), new GuildMemory());
    }

    static MessageContext message(String content) {
        return MessageContext.of(AUTHOR, Set.of(), CHANNEL, content, 0);
    }

    static Verdict evaluate(CompiledRules rules, String content) {
        return rules.evaluate(message(content));
    }

    /** The excerpt of the first match, or null when nothing matched. */
    static String matched(CompiledRules rules, String content) {
        Verdict v = evaluate(rules, content);
        return v.matches().isEmpty() ? null : v.matches().get(0).matchedContent();
    }
}
