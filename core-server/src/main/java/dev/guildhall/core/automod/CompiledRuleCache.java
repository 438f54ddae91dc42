package dev.guildhall.core.automod;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.guildhall.automod.engine.CompiledRules;
import dev.guildhall.automod.engine.GuildMemory;
import dev.guildhall.automod.engine.PresetLibrary;
import dev.guildhall.automod.rules.AutoModerationRule;
import dev.guildhall.automod.rules.TriggerType;
import dev.guildhall.core.db.Database;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Each guild's rules compiled once, off the message path where possible: the rule service recompiles a guild's
 * rules right after each change ({@link #reload}), and entries are refreshed in the background every
 * {@link #REFRESH} (a rule changed through another core-server node applies here within that time; an unchanged
 * rule list keeps its compiled form). Only a guild's first message after start (or after {@link #IDLE} without
 * messages) reads and compiles on the message path; after that a message's rule lookup does no I/O (a guild
 * without rules is cached too, as an empty rule set). A guild's {@link GuildMemory} (recent messages for SPAM and
 * mention-raid detection) outlives recompilations.
 */
final class CompiledRuleCache {
    static final Duration REFRESH = Duration.ofSeconds(30);
    static final Duration IDLE = Duration.ofMinutes(30);

    /** A guild's rules as loaded, their compiled form, and its model rules alone (for late stream verdicts). */
    private record Entry(List<AutoModerationRule> rules, CompiledRules compiled, CompiledRules modelRules) {
    }

    private final Database db;
    private final PresetLibrary presets = PresetLibrary.bundled();
    private final LoadingCache<Long, GuildMemory> memories = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(IDLE).build(id -> new GuildMemory());
    private final LoadingCache<Long, Entry> compiled;

    CompiledRuleCache(Database db) {
        this.db = db;
        this.compiled = Caffeine.newBuilder().maximumSize(100_000).refreshAfterWrite(REFRESH).expireAfterAccess(IDLE)
                .build(new CacheLoader<>() {
                    @Override
                    public Entry load(Long guildId) {
                        return compile(guildId, db.read(c -> AutoModRuleStore.ofGuild(c, guildId)));
                    }

                    @Override
                    public Entry reload(Long guildId, Entry old) {
                        List<AutoModerationRule> rules = db.read(c -> AutoModRuleStore.ofGuild(c, guildId));
                        return rules.equals(old.rules()) ? old : compile(guildId, rules);
                    }
                });
    }

    /** The guild's compiled rules; on a miss they are loaded with {@code c} (the caller's transaction). */
    CompiledRules rules(Connection c, long guildId) throws SQLException {
        return entry(c, guildId).compiled();
    }

    /**
     * The guild's enabled model rules (ML_TOXICITY, ML_SPAM) alone, to apply a stream verdict to a stored message
     * without running its other rules again; loaded with {@code c} on a miss.
     */
    CompiledRules modelRules(Connection c, long guildId) throws SQLException {
        return entry(c, guildId).modelRules();
    }

    private Entry entry(Connection c, long guildId) throws SQLException {
        Entry e = compiled.getIfPresent(guildId);
        if (e == null) {
            e = compile(guildId, AutoModRuleStore.ofGuild(c, guildId));
            compiled.asMap().putIfAbsent(guildId, e);
        }
        return e;
    }

    /**
     * Recompiles a guild's rules now (after a rule change committed). Reloads of one guild run one at a time (read
     * and replace together), so of two changes committed close together the later one's reload cannot be overwritten
     * by the earlier one's older read; messages keep the previous rules meanwhile.
     */
    void reload(long guildId) {
        compiled.asMap().compute(guildId, (id, old) -> compile(id, db.read(c -> AutoModRuleStore.ofGuild(c, id))));
    }

    private Entry compile(long guildId, List<AutoModerationRule> rules) {
        List<AutoModerationRule> model = rules.stream()
                .filter(r -> r.triggerType() == TriggerType.ML_TOXICITY || r.triggerType() == TriggerType.ML_SPAM)
                .toList();
        return new Entry(rules, CompiledRules.compile(rules, presets, memories.get(guildId)),
                CompiledRules.compile(model, presets, new GuildMemory()));
    }
}
