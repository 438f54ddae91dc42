package dev.guildhall.core.automod;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.guildhall.automod.engine.CompiledRules;
import dev.guildhall.automod.engine.GuildMemory;
import dev.guildhall.automod.engine.PresetLibrary;
import dev.guildhall.automod.rules.AutoModerationRule;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each guild's rules compiled once and kept until a rule of the guild changes ({@link #invalidate}, called by the
 * rule service after its commit). Entries also expire after {@link #MAX_AGE}, so a rule changed through another
 * core-server node takes effect here within that time. A guild's {@link GuildMemory} (recent messages for SPAM and
 * mention-raid detection) outlives recompilations.
 */
final class CompiledRuleCache {
    static final Duration MAX_AGE = Duration.ofSeconds(30);

    private final PresetLibrary presets = PresetLibrary.bundled();
    private final Cache<Long, CompiledRules> compiled = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(MAX_AGE).build();
    private final Cache<Long, GuildMemory> memories = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();
    private final AtomicLong invalidations = new AtomicLong();

    /** The guild's compiled rules, loaded with {@code c} on a miss. */
    CompiledRules rules(Connection c, long guildId) throws SQLException {
        CompiledRules cached = compiled.getIfPresent(guildId);
        if (cached != null) {
            return cached;
        }
        long seen = invalidations.get();
        CompiledRules fresh = compile(guildId, AutoModRuleStore.ofGuild(c, guildId));
        if (invalidations.get() == seen) {
            compiled.put(guildId, fresh); // not when a rule changed meanwhile: the load may predate the change
        }
        return fresh;
    }

    CompiledRules compile(long guildId, List<AutoModerationRule> rules) {
        return CompiledRules.compile(rules, presets, memories.get(guildId, id -> new GuildMemory()));
    }

    void invalidate(long guildId) {
        invalidations.incrementAndGet();
        compiled.invalidate(guildId);
    }
}
