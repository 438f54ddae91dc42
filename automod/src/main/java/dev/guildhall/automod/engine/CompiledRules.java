package dev.guildhall.automod.engine;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.guildhall.automod.rules.Action;
import dev.guildhall.automod.rules.ActionType;
import dev.guildhall.automod.rules.AutoModerationRule;
import dev.guildhall.automod.rules.EventType;
import dev.guildhall.automod.rules.KeywordPresetType;
import dev.guildhall.automod.rules.TriggerMetadata;
import dev.guildhall.automod.rules.TriggerType;
import dev.guildhall.automod.text.NormalizedText;
import dev.guildhall.automod.text.TextNormalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A guild's rules prepared for evaluation: every keyword, allow-list entry and preset word of every rule in one
 * Aho-Corasick automaton over normalised text, regexes compiled with RE2/J (linear time), exemptions as sets.
 * Compile once when the rules change; {@link #evaluate} is thread-safe (the state of SPAM and mention-raid
 * detection lives in the {@link GuildMemory} passed in, which the caller keeps per guild across recompilations).
 */
public final class CompiledRules {
    private final List<Compiled> rules;
    private final KeywordPattern[] patterns;
    private final int[] patternRule;
    private final boolean[] patternAllow;
    private final AhoCorasick automaton;
    private final AhoCorasick regexLiterals;
    private final int[][] regexLiteralOwner; // literal index -> {rule, regex index}
    private final GuildMemory memory;

    /** A rule and its regexes; {@code alwaysRun[k]}: regex k has no known literal and skips the prefilter. */
    private record Compiled(AutoModerationRule rule, TriggerMetadata metadata, Set<Long> exemptRoles,
                            Set<Long> exemptChannels, Pattern[] regexes, boolean[] alwaysRun) {
    }

    private CompiledRules(List<Compiled> rules, List<KeywordPattern> patterns, List<Integer> patternRule,
                          List<Boolean> patternAllow, GuildMemory memory) {
        this.rules = rules;
        this.patterns = patterns.toArray(KeywordPattern[]::new);
        this.patternRule = patternRule.stream().mapToInt(Integer::intValue).toArray();
        this.patternAllow = new boolean[patternAllow.size()];
        for (int i = 0; i < this.patternAllow.length; i++) {
            this.patternAllow[i] = patternAllow.get(i);
        }
        this.automaton = new AhoCorasick(patterns.stream().map(KeywordPattern::chars).toList());
        this.memory = memory;
        List<char[]> literals = new ArrayList<>();
        List<int[]> owners = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) {
            Compiled c = rules.get(r);
            for (int k = 0; k < c.regexes().length; k++) {
                Set<String> required = RegexLiterals.required(c.regexes()[k].pattern());
                c.alwaysRun()[k] = required.isEmpty();
                for (String literal : required) {
                    literals.add(literal.toCharArray());
                    owners.add(new int[] {r, k});
                }
            }
        }
        this.regexLiterals = new AhoCorasick(literals);
        this.regexLiteralOwner = owners.toArray(int[][]::new);
    }

    /**
     * Compiles the enabled rules of a guild (disabled rules are left out): MESSAGE_SEND rules for
     * {@link #evaluate}, MEMBER_PROFILE rules for {@link #evaluateProfile}.
     * Rules are expected to have passed {@link dev.guildhall.automod.rules.RuleValidator}.
     */
    public static CompiledRules compile(List<AutoModerationRule> rules, PresetLibrary presets, GuildMemory memory) {
        List<Compiled> compiled = new ArrayList<>();
        List<KeywordPattern> patterns = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        List<Boolean> allow = new ArrayList<>();
        for (AutoModerationRule rule : rules) {
            if (!rule.enabled() || rule.triggerType() == null || rule.eventType() == null) {
                continue;
            }
            int index = compiled.size();
            TriggerMetadata md = rule.triggerMetadata().forType(rule.triggerType());
            List<Pattern> regexes = new ArrayList<>();
            if (rule.triggerType() == TriggerType.KEYWORD || rule.triggerType() == TriggerType.MEMBER_PROFILE) {
                add(md.keywordFilter(), index, false, patterns, owners, allow);
                for (String regex : md.regexPatterns()) {
                    regexes.add(Pattern.compile(regex));
                }
            } else if (rule.triggerType() == TriggerType.KEYWORD_PRESET) {
                for (KeywordPresetType preset : md.presets()) {
                    add(presets.words(preset), index, false, patterns, owners, allow);
                }
            }
            if (md.allowList() != null) {
                add(md.allowList(), index, true, patterns, owners, allow);
            }
            compiled.add(new Compiled(rule, md, Set.copyOf(rule.exemptRoles()), Set.copyOf(rule.exemptChannels()),
                    regexes.toArray(Pattern[]::new), new boolean[regexes.size()]));
        }
        return new CompiledRules(List.copyOf(compiled), patterns, owners, allow, memory);
    }

    private static void add(List<String> keywords, int rule, boolean isAllow, List<KeywordPattern> patterns,
                            List<Integer> owners, List<Boolean> allow) {
        for (String keyword : keywords) {
            KeywordPattern p = KeywordPattern.parse(keyword);
            if (p.normalized().length() == 0) {
                continue;
            }
            patterns.add(p);
            owners.add(rule);
            allow.add(isAllow);
        }
    }

    /** The number of compiled (enabled) rules. */
    public int ruleCount() {
        return rules.size();
    }

    /** Evaluates one message against the MESSAGE_SEND rules. */
    public Verdict evaluate(MessageContext message) {
        int n = rules.size();
        boolean[] active = new boolean[n];
        for (int i = 0; i < n; i++) {
            Compiled c = rules.get(i);
            active[i] = c.rule().eventType() == EventType.MESSAGE_SEND
                    && !c.exemptChannels().contains(message.channelId()) && !exempt(c.exemptRoles(), message.authorRoleIds());
        }
        return evaluate(message, active);
    }

    /**
     * Whether a model rule (ML_TOXICITY, ML_SPAM) applies to this message (MESSAGE_SEND, channel and author roles
     * not exempt): only then are model scores worth computing before {@link #evaluate}.
     */
    public boolean needsModel(MessageContext message) {
        for (Compiled c : rules) {
            TriggerType t = c.rule().triggerType();
            if ((t == TriggerType.ML_TOXICITY || t == TriggerType.ML_SPAM)
                    && c.rule().eventType() == EventType.MESSAGE_SEND
                    && !c.exemptChannels().contains(message.channelId())
                    && !exempt(c.exemptRoles(), message.authorRoleIds())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Evaluates a member's profile text (name, nickname, ...) against the MEMBER_PROFILE rules (MEMBER_UPDATE event);
     * exempt roles apply, channels do not.
     */
    public Verdict evaluateProfile(long userId, Set<Long> roleIds, String profileText) {
        int n = rules.size();
        boolean[] active = new boolean[n];
        for (int i = 0; i < n; i++) {
            Compiled c = rules.get(i);
            active[i] = c.rule().eventType() == EventType.MEMBER_UPDATE && c.rule().triggerType() == TriggerType.MEMBER_PROFILE
                    && !exempt(c.exemptRoles(), roleIds);
        }
        return evaluate(new MessageContext(userId, roleIds, 0, profileText, 0, 0, null, 0), active);
    }

    private Verdict evaluate(MessageContext message, boolean[] active) {
        int n = rules.size();
        boolean anyKeyword = false;
        for (int i = 0; i < n; i++) {
            TriggerType t = rules.get(i).rule().triggerType();
            anyKeyword |= active[i] && (t == TriggerType.KEYWORD || t == TriggerType.KEYWORD_PRESET || t == TriggerType.MEMBER_PROFILE);
        }
        String content = message.content();
        List<NormalizedText> variants = anyKeyword || needsFolded(active) ? TextNormalizer.variants(content) : List.of();
        Hits hits = anyKeyword ? findKeywords(variants, active) : null;
        boolean[][] regexCandidates = anyKeyword ? regexCandidates(content, active) : null;

        RuleMatch[] matched = new RuleMatch[n];
        boolean modelPending = false;
        for (int i = 0; i < n; i++) {
            if (!active[i]) {
                continue;
            }
            Compiled c = rules.get(i);
            AutoModerationRule rule = c.rule();
            TriggerMetadata md = c.metadata();
            switch (rule.triggerType()) {
                case KEYWORD, MEMBER_PROFILE -> {
                    matched[i] = hits.first(i, content);
                    if (matched[i] == null) {
                        matched[i] = regexMatch(c, i, content, hits, regexCandidates[i]);
                    }
                }
                case KEYWORD_PRESET -> matched[i] = hits.first(i, content);
                case MENTION_SPAM -> {
                    int mentions = message.uniqueUserMentions() + message.uniqueRoleMentions();
                    if (mentions > md.mentionTotalLimit()) {
                        matched[i] = RuleMatch.other(rule, "mentions " + mentions + " > " + md.mentionTotalLimit());
                    } else if (md.mentionRaidProtectionEnabled()) {
                        int recent = memory.mentions().mentionsInWindow(message);
                        if (mentions > 0 && recent > md.mentionTotalLimit()) {
                            matched[i] = RuleMatch.other(rule, "mention raid: " + recent + " mentions in "
                                    + MentionRaidDetector.WINDOW_MILLIS / 1000 + " s > " + md.mentionTotalLimit());
                        }
                    }
                }
                case SPAM -> {
                    Optional<String> why = memory.spam().check(message, variants.get(0));
                    if (why.isPresent()) {
                        matched[i] = RuleMatch.other(rule, "spam: " + why.get());
                    }
                }
                case ML_TOXICITY, ML_SPAM -> {
                    Map<String, Double> scores = message.modelScores();
                    if (scores == null) {
                        modelPending = true;
                    } else {
                        double score = rule.triggerType() == TriggerType.ML_SPAM
                                ? scores.getOrDefault("spam", 0.0)
                                : Math.max(scores.getOrDefault("toxic", 0.0), scores.getOrDefault("harassment", 0.0));
                        if (score >= md.scoreThreshold()) {
                            matched[i] = RuleMatch.other(rule, String.format(java.util.Locale.ROOT,
                                    "score %.3f >= %.3f", score, md.scoreThreshold()));
                        }
                    }
                }
            }
        }
        return verdict(matched, modelPending);
    }

    private boolean needsFolded(boolean[] active) {
        for (int i = 0; i < active.length; i++) {
            if (active[i] && rules.get(i).rule().triggerType() == TriggerType.SPAM) {
                return true;
            }
        }
        return false;
    }

    private static boolean exempt(Set<Long> exemptRoles, Set<Long> roles) {
        if (exemptRoles.isEmpty()) {
            return false;
        }
        for (Long role : roles) {
            if (exemptRoles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    /** Keyword and allow-list occurrences per rule, in original-text offsets. */
    private final class Hits {
        final List<List<int[]>> keywordHits = new ArrayList<>();   // {start, end, patternIndex}
        final List<List<int[]>> allowHits = new ArrayList<>();

        Hits(int n) {
            for (int i = 0; i < n; i++) {
                keywordHits.add(null);
                allowHits.add(null);
            }
        }

        void add(List<List<int[]>> lists, int rule, int[] hit) {
            List<int[]> list = lists.get(rule);
            if (list == null) {
                list = new ArrayList<>(2);
                lists.set(rule, list);
            }
            list.add(hit);
        }

        boolean allowed(int rule, int start, int end) {
            List<int[]> allows = allowHits.get(rule);
            if (allows == null) {
                return false;
            }
            for (int[] a : allows) {
                if (a[0] <= start && end <= a[1]) {
                    return true;
                }
            }
            return false;
        }

        /** The earliest keyword occurrence of a rule that no allow-list entry covers. */
        RuleMatch first(int rule, String content) {
            List<int[]> list = keywordHits.get(rule);
            if (list == null) {
                return null;
            }
            int[] best = null;
            for (int[] h : list) {
                if (!allowed(rule, h[0], h[1]) && (best == null || h[0] < best[0] || h[0] == best[0] && h[1] > best[1])) {
                    best = h;
                }
            }
            return best == null ? null
                    : RuleMatch.keyword(rules.get(rule).rule(), patterns[best[2]].keyword(), content, best[0], best[1]);
        }
    }

    private Hits findKeywords(List<NormalizedText> variants, boolean[] active) {
        Hits hits = new Hits(rules.size());
        for (NormalizedText text : variants) {
            automaton.scan(text, (p, end) -> {
                int rule = patternRule[p];
                if (!active[rule] || !patterns[p].matchesAt(text, end)) {
                    return;
                }
                int[] range = patterns[p].originalRange(text, end);
                int[] hit = {range[0], range[1], p};
                hits.add(patternAllow[p] ? hits.allowHits : hits.keywordHits, rule, hit);
            });
        }
        return hits;
    }

    /**
     * Which regexes may match: those without a known literal, and those one of whose required literals occurs in
     * the case-folded content (one Aho-Corasick pass for all of them).
     */
    private boolean[][] regexCandidates(String content, boolean[] active) {
        boolean[][] candidates = new boolean[rules.size()][];
        boolean any = false;
        for (int r = 0; r < rules.size(); r++) {
            Compiled c = rules.get(r);
            candidates[r] = c.alwaysRun().clone();
            any |= active[r] && c.regexes().length > 0;
        }
        if (any && regexLiteralOwner.length > 0) {
            regexLiterals.scan(RegexLiterals.fold(content), (literal, end) -> {
                int[] owner = regexLiteralOwner[literal];
                candidates[owner[0]][owner[1]] = true;
            });
        }
        return candidates;
    }

    private static RuleMatch regexMatch(Compiled c, int rule, String content, Hits hits, boolean[] candidates) {
        for (int index = 0; index < c.regexes().length; index++) {
            if (!candidates[index]) {
                continue;
            }
            Matcher m = c.regexes()[index].matcher(content);
            while (m.find()) {
                if (m.end() > m.start() && !hits.allowed(rule, m.start(), m.end())) {
                    return RuleMatch.keyword(c.rule(), c.metadata().regexPatterns().get(index), content,
                            m.start(), m.end());
                }
                if (m.end() >= content.length()) {
                    break;
                }
            }
        }
        return null;
    }

    private Verdict verdict(RuleMatch[] matched, boolean modelPending) {
        List<RuleMatch> matches = new ArrayList<>();
        List<RuleAction> actions = new ArrayList<>();
        boolean blocked = false;
        String blockMessage = null;
        RuleAction longestTimeout = null;
        for (RuleMatch m : matched) {
            if (m == null) {
                continue;
            }
            matches.add(m);
            for (Action a : m.rule().actions()) {
                if (a.type() == ActionType.BLOCK_MESSAGE) {
                    blocked = true;
                    if (blockMessage == null && a.metadata() != null && a.metadata().customMessage() != null
                            && !a.metadata().customMessage().isEmpty()) {
                        blockMessage = a.metadata().customMessage();
                    }
                }
                if (a.type() == ActionType.TIMEOUT) {
                    if (longestTimeout == null
                            || a.metadata().durationSeconds() > longestTimeout.action().metadata().durationSeconds()) {
                        longestTimeout = new RuleAction(m, a);
                    }
                    continue;
                }
                actions.add(new RuleAction(m, a));
            }
        }
        if (blocked) {
            actions.removeIf(a -> a.action().type() == ActionType.FLAG_TO_QUEUE);
        }
        if (longestTimeout != null) {
            actions.add(longestTimeout);
        }
        return new Verdict(List.copyOf(matches), List.copyOf(actions), blocked, blockMessage, modelPending);
    }
}
