package dev.guildhall.automod.ml.data;

import dev.guildhall.automod.engine.PresetLibrary;
import dev.guildhall.automod.ml.Labels;
import dev.guildhall.automod.rules.KeywordPresetType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Chat-style training examples built from templates, filled from the vendored KEYWORD_PRESET word lists
 * ({@link PresetLibrary}: profanity, sexual content, slurs) and from WordNet sentences:
 * <ul>
 *   <li><b>toxic</b>: profanity and obscenity not aimed at anyone ("this {bad} game");</li>
 *   <li><b>harassment</b>: insults, slurs, threats and exclusion aimed at a person ("you are a {insult}");</li>
 *   <li><b>spam</b>: chat spam (free nitro, giveaways, crypto, invite links, @everyone);</li>
 *   <li><b>safe</b>: WordNet example sentences and glosses, gaming banter ("we got destroyed"), and sentences with
 *       the words keyword filters trip over (Scunthorpe, assassin, cocktail, classic).</li>
 * </ul>
 * Deterministic for a seed. The chat evaluation set (src/test/resources/.../chat-eval.tsv) is written separately
 * and never used here.
 */
public final class SyntheticCorpus {
    private static final String[] TOXIC = {
        "this {bad} game", "what the {bad}", "{bad} this lag", "{bad} {bad} {bad}", "oh {bad} not again",
        "this patch is {bad} garbage", "{bad}!!!", "such a {bad} map", "holy {bad} the servers are down again",
        "{bad} it, i'm done for today", "the new update is {bad}", "{bad} this {bad} queue", "what a {bad} mess",
        "who designed this {bad} level", "i hate this {bad} boss", "{bad} yeah let's go", "{bad} me that was close",
        "shut the {bad} up about the patch", "send {sex} pics", "anyone want to see my {sex}", "{sex} {sex} {sex}",
        "looking for {sex} in dms", "{bad} {sex}", "this chat is full of {bad}", "that was {bad} stupid",
        "all of this is {bad}", "{bad} off with that meta", "my {bad} internet died again", "{bad} hell",
        "i don't give a {bad}", "who the {bad} cares", "the {bad} ref cheated", "total {bad} show",
    };
    private static final String[] HARASSMENT = {
        "you are a {insult}", "you're such a {insult}", "shut up you {insult}", "{name} is a {insult}",
        "nobody likes you {name}", "go kill yourself", "kys {name}", "kys", "i will find you and hurt you",
        "i know where you live {name}", "you {bad} {insult}", "get out of this server you {insult}",
        "{name} you are worthless", "everyone hates you", "you should die", "uninstall your life {insult}",
        "go back where you came from {slur}", "{slur}", "shut up {slur}", "you {slur}", "{name} is a {slur}",
        "no {slur}s allowed here", "i hope you get cancer", "your mother is a {insult}", "you're a {bad} {insult}",
        "i'm going to beat you up after school", "hey {insult}, nobody asked", "you're too ugly to talk",
        "die in a fire {name}", "i'll make your life hell {name}", "you are so {dumb} it hurts",
        "{name} you {dumb} {insult}", "keep crying {insult}", "imagine being as {dumb} as you",
        "you deserve to be bullied", "nobody wants you here {name}", "leave the server you {dumb} {insult}",
        "i'll leak your address {name}", "post your face so we can laugh at you", "{name} = {insult}",
    };
    private static final String[] SPAM = {
        "free nitro at {url}", "claim your free discord nitro {url}", "FREE NITRO giveaway!!! {url}",
        "@everyone free {coin} giveaway {url}", "double your {coin} in 24 hours, dm me", "send 0.1 {coin} get 1 back",
        "join my server {invite}", "{invite} join now best server", "check out my channel {url} pls sub",
        "earn $500 a day working from home {url}", "cheap followers and likes {url}", "hot singles near you {url}",
        "i made $3000 trading {coin} dm me to learn how", "steam gift card giveaway {url}",
        "limited offer!!! click {url} before it ends", "you have won a prize, claim it at {url}",
        "@everyone new airdrop live {url}", "buy cheap game keys {url}", "selling accounts cheap dm me",
        "free skins {url} only today", "{coin} pump starting now join {invite}", "get rich fast {url}",
        "dm me for free robux", "visit {url} for free vbucks", "who wants free nitro? {url}",
    };
    private static final String[] SAFE_CHAT = {
        "gg wp everyone", "that boss destroyed us", "we got wrecked in the last round", "anyone up for a match?",
        "i'm going to destroy you at chess tonight", "that headshot was insane", "nice shot", "brb getting food",
        "who's playing tonight?", "the raid starts at 8", "can someone explain the new patch notes?",
        "i died to fall damage again lol", "let's try the other route", "ok that was a massacre, well played",
        "kill the dragon first then loot", "our tank got obliterated", "we murdered that dungeon", "gg ez no re",
        "i'll carry you next game", "stream starts in 10 minutes", "the new map looks great",
        "my favourite cocktail is a mojito", "i grew up near Scunthorpe", "the assassin class is overpowered",
        "Essex and Sussex are lovely this time of year", "that's a classic move", "we need more grass on this map",
        "the shiitake mushrooms were great", "the analyst said the game is balanced", "shoot me a message later",
        "the sniper killed three of us", "{name} you're on fire today", "welcome to the server {name}!",
        "thanks {name}, that helped a lot", "does anyone have the link to the rules?", "i'm dying of laughter",
        "that joke killed me", "he said \"you are an idiot\" and got banned, rightly", "reported, thanks mods",
        "quoting the troll: \"{insult}\" - please don't reply to him", "what does kys mean? someone wrote it to me",
        "the villain says 'I will kill you all' in the cutscene", "hell yeah we won", "damn that was close",
        "check the wiki at {safeurl}", "patch notes are on {safeurl}", "i'll send the clip in a minute",
        "happy birthday {name}!", "the final boss is brutal", "my mouse died mid fight", "back in 5",
    };
    private static final String[] INSULTS = {
        "idiot", "moron", "loser", "clown", "trash", "retard", "failure", "waste of space", "freak", "creep",
        "dumbass", "scumbag", "pathetic loser", "bitch", "bastard", "piece of shit", "garbage human", "noob trash",
        "jerk", "imbecile", "degenerate", "parasite", "coward", "weirdo", "psycho", "cretin",
    };
    private static final String[] DUMB = {"dumb", "stupid", "useless", "pathetic", "brainless", "ugly", "fat"};
    private static final String[] NAMES = {
        "@alex", "sam", "<@123456789012345678>", "@jordan", "mike", "lena", "@kai", "priya", "tom", "@noob_slayer",
    };
    private static final String[] COINS = {"btc", "eth", "bitcoin", "crypto", "sol", "usdt", "doge"};
    private static final String[] URLS = {
        "https://free-nitro.gift/claim", "http://bit.ly/3xFr33", "https://steamcommunlty.com/gift",
        "www.win-prizes.xyz", "https://dlscord-nitro.ru/free", "http://cheap-deals.top/offer", "airdrop-claim.io",
        "https://tinyurl.com/freegiveaway", "http://earn-now.biz/start",
    };
    private static final String[] INVITES = {"discord.gg/fr33stuff", "discord.gg/cryptopump", "discord.gg/abc123"};
    private static final String[] SAFE_URLS = {"https://wiki.guildhall.dev", "the pinned message", "github.com"};

    private SyntheticCorpus() {
    }

    /**
     * @param presets        the word lists
     * @param sentences      WordNet sentences (safe); may be empty
     * @param perLabel       examples generated per template label (toxic, harassment, spam, safe chat)
     * @param wordNetSamples WordNet sentences sampled as safe examples
     */
    public static List<LabelledText> build(PresetLibrary presets, List<String> sentences, int perLabel,
                                           int wordNetSamples, long seed) {
        Random random = new Random(seed);
        List<String> bad = presets.words(KeywordPresetType.PROFANITY);
        List<String> sex = presets.words(KeywordPresetType.SEXUAL_CONTENT);
        List<String> slurs = presets.words(KeywordPresetType.SLURS);
        List<LabelledText> out = new ArrayList<>();
        Filler fill = new Filler(random, bad, sex, slurs);
        generate(out, Labels.TOXIC, TOXIC, perLabel, fill);
        generate(out, Labels.HARASSMENT, HARASSMENT, perLabel, fill);
        generate(out, Labels.SPAM, SPAM, perLabel, fill);
        generate(out, Labels.SAFE, SAFE_CHAT, perLabel, fill);
        List<String> pool = new ArrayList<>(sentences);
        Collections.shuffle(pool, random);
        for (String s : pool.subList(0, Math.min(wordNetSamples, pool.size()))) {
            out.add(new LabelledText(Labels.SAFE, fill.styled(s)));
        }
        return out;
    }

    private static void generate(List<LabelledText> out, String label, String[] templates, int n, Filler fill) {
        for (int i = 0; i < n; i++) {
            out.add(new LabelledText(label, fill.styled(fill.fill(templates[fill.random.nextInt(templates.length)]))));
        }
    }

    private record Filler(Random random, List<String> bad, List<String> sex, List<String> slurs) {
        String fill(String template) {
            StringBuilder sb = new StringBuilder();
            int i = 0;
            while (i < template.length()) {
                int open = template.indexOf('{', i);
                if (open < 0) {
                    sb.append(template, i, template.length());
                    break;
                }
                int close = template.indexOf('}', open);
                sb.append(template, i, open);
                sb.append(value(template.substring(open + 1, close)));
                i = close + 1;
            }
            return sb.toString();
        }

        private String value(String slot) {
            return switch (slot) {
                case "bad" -> pick(bad);
                case "sex" -> pick(sex);
                case "slur" -> pick(slurs);
                case "insult" -> random.nextInt(3) == 0 ? pick(bad) : pick(List.of(INSULTS));
                case "dumb" -> pick(List.of(DUMB));
                case "name" -> pick(List.of(NAMES));
                case "coin" -> pick(List.of(COINS));
                case "url" -> pick(List.of(URLS));
                case "invite" -> pick(List.of(INVITES));
                case "safeurl" -> pick(List.of(SAFE_URLS));
                default -> throw new IllegalArgumentException("unknown slot {" + slot + "}");
            };
        }

        private String pick(List<String> words) {
            return words.get(random.nextInt(words.size()));
        }

        /** Chat styling: sometimes upper case, no final stop, an emoji or "lol"; rarely leet or spaced letters. */
        String styled(String s) {
            String t = s;
            int r = random.nextInt(20);
            if (r == 0) {
                t = t.toUpperCase(java.util.Locale.ROOT);
            } else if (r == 1) {
                t = t.replace('e', '3').replace('a', '4').replace('o', '0');
            } else if (r == 2 && t.endsWith(".")) {
                t = t.substring(0, t.length() - 1);
            } else if (r == 3) {
                t = t + " lol";
            } else if (r == 4) {
                t = t + " 😂";
            } else if (r == 5) {
                t = t.toLowerCase(java.util.Locale.ROOT);
            }
            return t;
        }
    }
}
