package dev.guildhall.automod.engine;

/**
 * What AutoMod remembers about a guild's recent messages, for the rules that look across messages (SPAM's
 * duplicates, MENTION_SPAM's raid protection). Keep one per guild for as long as the guild is active and pass it
 * to every {@link CompiledRules#compile} so rule edits do not forget recent history.
 */
public final class GuildMemory {
    private final SpamDetector spam = new SpamDetector();
    private final MentionRaidDetector mentions = new MentionRaidDetector();

    public SpamDetector spam() {
        return spam;
    }

    public MentionRaidDetector mentions() {
        return mentions;
    }
}
