package dev.guildhall.automod.bench;

import dev.guildhall.automod.engine.CompiledRules;
import dev.guildhall.automod.engine.MessageContext;
import dev.guildhall.automod.engine.PresetLibrary;
import dev.guildhall.automod.engine.GuildMemory;
import dev.guildhall.automod.engine.Verdict;
import dev.guildhall.automod.rules.Action;
import dev.guildhall.automod.rules.AutoModerationRule;
import dev.guildhall.automod.rules.EventType;
import dev.guildhall.automod.rules.KeywordPresetType;
import dev.guildhall.automod.rules.TriggerMetadata;
import dev.guildhall.automod.rules.TriggerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Inline AutoMod cost for a guild with a full rule set: 6 KEYWORD rules of 1000 keywords each (all four wildcard
 * strategies) with allow-lists, 10 regexes, a KEYWORD_PRESET rule with all three presets, MENTION_SPAM and SPAM,
 * evaluated on 2000-character messages (clean prose, prose with leet-speak and obfuscation, and a message that
 * triggers). See docs/benchmarks.md for the command and results.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class RuleEvaluationBenchmark {
    static final String[] VOCABULARY = ("the a and to of in is it you that he was for on are with as his they be at one "
            + "have this from or had by hot word but what some we can out other were all there when up use your how said "
            + "an each she which do their time if will way about many then them write would like so these her long make "
            + "thing see him two has look more day could go come did number sound no most people my over know water than "
            + "call first who may down side been now find raid boss loot guild healer tank dps patch nerf buff queue match "
            + "round server voice lag ping stream clip game play win lose team squad rank ladder").split(" ");
    static final List<String> REGEXES = List.of("(b|c)at", "^(?:[0-9]{1,3}\\.){3}[0-9]{1,3}$", "discord\\.gg/\\w+",
            "https?://\\S+\\.ru\\b", "\\b\\d{3}-\\d{3}-\\d{4}\\b", "(?i)free\\s+nitro", "[A-Z]{12,}",
            "(?i)steam\\s*c0mmunity", "\\$\\d{4,}", "(?i)\\bbuy\\s+(?:gold|accounts)\\b");

    CompiledRules rules;
    MessageContext clean;
    MessageContext obfuscated;
    MessageContext triggering;
    List<AutoModerationRule> ruleSet;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        List<AutoModerationRule> list = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
            List<String> keywords = new ArrayList<>();
            for (int k = 0; k < 1000; k++) {
                String w = randomWord(random, 4 + random.nextInt(8));
                keywords.add(switch (k % 4) {
                    case 0 -> w;
                    case 1 -> w + "*";
                    case 2 -> "*" + w;
                    default -> "*" + w + "*";
                });
            }
            List<String> allow = new ArrayList<>();
            for (int a = 0; a < 100; a++) {
                allow.add(randomWord(random, 6));
            }
            list.add(rule(r, TriggerType.KEYWORD, TriggerMetadata.keywords(keywords, r == 0 ? REGEXES : List.of(), allow)));
        }
        list.add(rule(6, TriggerType.KEYWORD_PRESET, TriggerMetadata.presets(List.of(KeywordPresetType.values()), List.of())));
        list.add(rule(7, TriggerType.MENTION_SPAM, TriggerMetadata.mentionLimit(20, false)));
        list.add(rule(8, TriggerType.SPAM, TriggerMetadata.empty()));
        ruleSet = list;
        rules = CompiledRules.compile(list, PresetLibrary.bundled(), new GuildMemory());
        clean = message(prose(random, 2000, false), 1);
        obfuscated = message(prose(random, 2000, true), 2);
        triggering = message(prose(random, 1980, false) + " what the fuck", 3);
        if (rules.evaluate(clean).triggered() || !rules.evaluate(triggering).triggered()) {
            throw new IllegalStateException("benchmark messages do not behave as intended");
        }
    }

    private static AutoModerationRule rule(int id, TriggerType type, TriggerMetadata md) {
        return new AutoModerationRule(id, 1, "rule " + id, 1, EventType.MESSAGE_SEND, type, md, List.of(Action.block()), true,
                List.of(99L), List.of(98L));
    }

    private static MessageContext message(String content, long author) {
        return MessageContext.of(author, Set.of(5L, 6L), 10, content, 0).withMentions(2, 1);
    }

    static String randomWord(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }

    static String prose(Random random, int length, boolean obfuscate) {
        StringBuilder sb = new StringBuilder(length + 16);
        while (sb.length() < length) {
            String w = VOCABULARY[random.nextInt(VOCABULARY.length)];
            if (obfuscate && random.nextInt(5) == 0) {
                w = w.replace('e', '3').replace('o', '0').replace('a', '@') + "\u200B";
            }
            sb.append(w).append(random.nextInt(12) == 0 ? ". " : " ");
        }
        return sb.substring(0, length);
    }

    @Benchmark
    public Verdict cleanMessage() {
        return rules.evaluate(clean);
    }

    @Benchmark
    public Verdict obfuscatedMessage() {
        return rules.evaluate(obfuscated);
    }

    @Benchmark
    public Verdict triggeringMessage() {
        return rules.evaluate(triggering);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3)
    @Measurement(iterations = 10)
    public CompiledRules compileRuleSet() {
        return CompiledRules.compile(ruleSet, PresetLibrary.bundled(), new GuildMemory());
    }
}
