package dev.guildhall.automod.ml.data;

import dev.guildhall.automod.engine.PresetLibrary;
import dev.guildhall.automod.ml.Labels;
import dev.guildhall.automod.rules.KeywordPresetType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Chat-style training examples from a small grammar whose slots are filled from word lists: the vendored
 * KEYWORD_PRESET lists ({@link PresetLibrary}: profanity, sexual content, slurs) and the lists below, plus WordNet
 * sentences as everyday safe text.
 * <ul>
 *   <li><b>toxic</b>: profanity and obscenity not aimed at anyone ("this patch is f***ing broken"), sexual
 *       content, hate against groups;</li>
 *   <li><b>harassment</b>: insults, slurs, threats, self-harm incitement and exclusion aimed at a person;</li>
 *   <li><b>spam</b>: hooks, offers, calls to action and suspicious links (free nitro, giveaways, crypto, phishing,
 *       invite spam, selling);</li>
 *   <li><b>safe</b>: short chat ("lol", "gg"), gaming banter with violent game verbs ("we wrecked their base"),
 *       questions, plain complaints without profanity, legitimate links, quoted or reported abuse, WordNet
 *       sentences (full of the words keyword filters trip over).</li>
 * </ul>
 * Some examples are obfuscated the ways the normaliser undoes (leet, spaced letters, zero-width characters,
 * full-width letters, stretched letters). Deterministic for a seed. The chat evaluation set
 * (automod/eval/chat-eval.tsv) is written separately and never read here.
 */
public final class SyntheticCorpus {
    private static final Map<String, String[]> SLOTS = new HashMap<>();
    /**
     * Words of the preset lists that chat commonly uses harmlessly ("crap, I forgot to save", "I suck at aiming",
     * "sex ed class"): never used to make a toxic example.
     */
    private static final Set<String> MILD = Set.of("crap", "crappy", "suck", "sucks", "sucked",
            "sex", "sexy", "damn", "hell", "bloody", "screw", "piss", "pissed", "gay", "nude", "naked", "breasts",
            "bum", "butt", "kill", "hate", "stupid", "dumb", "ugly", "fat", "drunk", "god", "jesus", "lesbian");

    private static void slot(String name, String... values) {
        SLOTS.put(name, values);
    }

    static {
        // ---- safe ----
        slot("safe", "{short}", "{short} {short}", "{game}", "{game}", "{game} {tail}", "{question}", "{question}",
                "{everyday}", "{complaint}", "{banter}", "{banter} {tail}", "{link_share}", "{reported}",
                "{praise}", "{greeting}", "{plan}");
        slot("short", "lol", "lmao", "lmfao", "ok", "okay", "k", "yes", "yeah", "yep", "nope", "no", "?", "??", "!",
                "hmm", "huh", "wow", "nice", "cool", "true", "same", "fr", "idk", "ikr", "ty", "thx", "np", "gn",
                "gm", "hi", "hey", "hello", "yo", "sup", "brb", "afk", "gg", "wp", "ggs", "xd", ":)", ":(", ":D",
                "😂", "👍", "❤️", "🔥", "😭", "💀", "🙏", "👀", "this", "that", "wait", "what", "why", "how", "where",
                "rip", "oof", "yikes", "sheesh", "pog", "kek", "bruh", "damn", "nah", "sure", "maybe", "later",
                "soon", "done", "same here", "me too", "good luck", "have fun", "glhf", "ez", "W", "L", "+1", "lets go",
                "omw", "thanks", "tysm", "haha", "hahaha", "hehe", "ugh", "meh", "oh no", "big if true", "real",
                "valid", "mood", "agreed", "exactly", "ah", "oops", "my bad", "np bro", "all good");
        slot("tail", "lol", "lmao", "gg", "again", "next time", "tonight", "!!", "😂", "💀", "xD", "haha", "ngl", "tbh",
                "fr", "in the next round", "next game", "in ranked", "this time", "👀", "bro", "guys");
        slot("game", "{we} {gverb} {gobject}", "{gsubject} {gverb} us", "{gsubject} just {gverb} {gobject}",
                "I {gverb} {gobject} {tail}", "{gsubject} {gverb} {gobject} in {seconds} seconds",
                "{we} need to {gverb_base} {gobject} first", "{gverb_base} {gobject} then {gverb_base} {gobject}",
                "our {role} got {gverb} again", "that {gthing} is {gpraise}", "the {gthing} is {gneutral}",
                "I keep dying to the {gthing}", "{gsubject} is camping {place}", "go {place}, they're all down",
                "who wants to {activity}?", "{we} {gverb} them {tail}");
        slot("we", "we", "we totally", "my team", "our squad", "the guild", "we just", "we");
        slot("gsubject", "the boss", "the enemy team", "their jungler", "that sniper", "the final wave", "the raid boss",
                "the zombies", "their tank", "the bots", "the other team", "the dragon", "the AI");
        slot("gverb", "destroyed", "wrecked", "killed", "crushed", "smashed", "sniped", "stomped", "ambushed",
                "nuked", "beat", "carried", "obliterated", "farmed", "flanked", "demolished", "murdered", "slaughtered",
                "annihilated", "one-shot", "headshot", "outplayed", "steamrolled", "got", "shot", "executed");
        slot("gverb_base", "kill", "destroy", "take out", "burn", "focus", "shoot", "snipe", "wreck", "nuke", "rush",
                "flank", "clear", "finish", "farm", "defend", "capture");
        slot("gobject", "the boss", "their base", "the dragon", "them", "the raid", "the last round", "the final wave",
                "mid lane", "the objective", "their healer", "the tower", "everyone", "the whole lobby", "the dungeon",
                "their carry", "the enemy team", "the mobs", "that camper", "the tank");
        slot("role", "tank", "healer", "support", "sniper", "carry", "jungler", "medic", "mage");
        slot("gthing", "shotgun", "new map", "final boss", "ranked mode", "patch", "sniper rifle", "trap", "lava pit",
                "fall damage", "spawn point", "new skin", "battle pass", "raid", "crafting system", "matchmaking");
        slot("gpraise", "insane", "so good", "broken", "overpowered", "amazing", "sick", "cracked", "beautiful");
        slot("gneutral", "bugged again", "so hard", "annoying", "impossible", "weird", "unfair", "too slow",
                "kinda mid", "overtuned", "a nightmare", "brutal");
        slot("seconds", "2", "3", "5", "10", "30");
        slot("place", "B", "A site", "mid", "the bridge", "spawn", "the roof", "the vault", "top lane");
        slot("activity", "queue ranked", "run the dungeon", "duo", "play later", "do the raid", "join voice",
                "try the new mode", "play some co-op", "grind xp", "do a lan");
        slot("question", "anyone know how to {task}?", "how do I {task}?", "what time is the {event}?",
                "is the {event} still on?", "does anyone have {item}?", "who's on tonight?", "can someone help me {task}?",
                "where do I find {item}?", "what's the best build for {role}?", "is the server down?",
                "what did I miss?", "when is the next {event}?", "which {gthing} should I use?");
        slot("task", "fix the crash", "unlock the secret level", "join the tournament", "change my nickname",
                "get the artist role", "craft the armor", "beat the last boss", "set up voice chat",
                "link my account", "install mods", "turn off vsync", "reset my keybinds");
        slot("event", "raid", "tournament", "game night", "stream", "movie night", "event", "update", "scrim");
        slot("item", "a spare key", "the map", "the patch notes", "a guide", "the schedule", "an invite",
                "the mod list", "extra iron");
        slot("everyday", "{feeling} {reason}", "I {like} {food}", "my {pet} {pet_action}", "{weather}",
                "going to {place_irl} {when}", "just got back from {place_irl}", "{when} I have {obligation}",
                "my {family} {family_action}");
        slot("feeling", "so tired", "happy", "bored", "excited", "stressed", "sleepy", "hungry", "kinda sad");
        slot("reason", "today", "after work", "because of exams", "after the gym", "lol", "ngl", "rn");
        slot("like", "love", "like", "really want", "could eat", "am craving", "hate");
        slot("food", "pizza", "ramen", "tacos", "sushi", "coffee", "pancakes", "a cocktail", "shiitake risotto",
                "curry", "burgers");
        slot("pet", "cat", "dog", "hamster", "parrot");
        slot("pet_action", "is sleeping on my keyboard", "knocked my drink over", "wants attention", "is so cute",
                "ate my charger", "is judging me");
        slot("weather", "it's raining again", "snow day!", "so hot today", "the weather is awful", "nice sunset");
        slot("place_irl", "Scunthorpe", "Essex", "Sussex", "Middlesex", "work", "school", "the gym", "the shops",
                "Penistone", "Clitheroe", "my grandma's", "a cocktail bar", "the cinema");
        slot("when", "tomorrow", "tonight", "later", "this weekend", "next week", "after class");
        slot("obligation", "an exam", "work", "a dentist appointment", "a class", "practice", "a shift");
        slot("family", "brother", "sister", "mom", "dad", "cousin", "grandpa");
        slot("family_action", "deleted my save", "is visiting", "beat me at chess", "keeps stealing my headset",
                "says hi", "got me this game");
        slot("complaint", "this {gthing} is {gneutral}", "I hate {nuisance}", "{nuisance} again, seriously",
                "this is so {mild}", "the {gthing} is trash", "my {hardware} is garbage", "I suck at {skill}",
                "I'm so bad at this", "this level is {mild}", "{nuisance} is killing me", "{gthing} ruined my day");
        slot("nuisance", "lag", "tuesdays", "homework", "queue times", "the patch", "crashes", "traffic", "alarms",
                "stupid bugs", "loading screens", "server issues");
        slot("mild", "annoying", "hard", "unfair", "frustrating", "dumb", "silly", "ridiculous", "stupid", "lame",
                "broken", "cursed");
        slot("hardware", "mouse", "wifi", "laptop", "controller", "headset", "internet");
        slot("skill", "aiming", "parkour", "building", "this boss", "puzzles", "stealth missions");
        slot("banter", "I'm gonna {gverb_base} you next round", "you're going down this time", "prepare to lose",
                "I'll get you in the rematch", "revenge next game", "you wish", "bet", "you're dead next round",
                "watch your back in the next match", "I'll destroy you at {boardgame}", "get rekt",
                "you got {gverb} lol", "skill issue", "cope", "ratio", "go touch some grass", "ez clap",
                "you're on fire today", "you're a beast", "you're insane at this", "nice try, noob",
                "L + ratio", "gg ez", "get good", "cry about it", "you're cracked", "absolute legend");
        slot("boardgame", "chess", "Mario Kart", "smash bros", "Uno", "poker", "Tetris");
        slot("praise", "thanks {name}!", "you're the best {name}", "great stream today", "love this community",
                "thanks mods", "that guide helped a lot", "welcome {name}!", "congrats on the rank up!",
                "happy birthday {name}!", "that art is amazing");
        slot("greeting", "good morning everyone", "good night all", "hey {name}", "hi everyone", "morning",
                "night guys", "see you tomorrow", "welcome back");
        slot("plan", "stream starts in {seconds} minutes", "event starts at 8", "back in 5", "on in 10",
                "voting is open in #polls", "read #rules first", "raid at 9pm EST", "check the pinned message");
        slot("link_share", "here's the {docs}: {safe_link}", "patch notes are at {safe_link}",
                "{safe_link} has the schedule", "check this clip {safe_link}", "the guide is on {safe_link}");
        slot("docs", "wiki", "guide", "bracket", "patch notes", "clip", "docs", "schedule");
        slot("safe_link", "https://en.wikipedia.org/wiki/Chess", "https://github.com/guildhall/guildhall",
                "https://store.steampowered.com/news", "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                "https://minecraft.wiki/w/Crafting", "https://www.reddit.com/r/gaming", "https://challonge.com/cup",
                "https://docs.python.org/3/", "https://twitch.tv/officialchannel");
        slot("reported", "he wrote \"{abuse}\" to me, can a mod look?", "someone said \"{abuse}\" in voice, reported",
                "is \"{abuse}\" allowed here?", "quoting the troll: \"{abuse}\", please ban", "what does \"{abuse}\" mean?",
                "mods, a user keeps saying \"{abuse}\" in general", "the villain says \"I will {harm} you\" in the cutscene",
                "can we block \"{offer}\" links? we keep getting scams", "reported the bot posting {offer}");
        slot("abuse", "kys", "you're an idiot", "go back to your country", "{insult}", "you suck", "uninstall");
        // ---- toxic ----
        // the profanity chat actually uses, drawn 3 times in 5 for {bad}; the rest come from the preset lists
        slot("common_bad", "fuck", "fucking", "fucked", "shit", "shitty", "bullshit", "ass", "asshole", "dick",
                "bitch", "cunt", "motherfucker", "motherfucking", "wtf", "fck", "fuk", "stfu", "goddamn", "fking",
                "f*ck", "sh*t", "dickhead", "prick", "twat", "wanker", "bollocks", "cock", "pussy", "jackass",
                "dumbass", "shithole", "fuckin", "clusterfuck", "dogshit", "horseshit", "piss off", "fuck off",
                "son of a bitch", "bastard", "tits");
        slot("toxic", "{profane_complaint}", "{profane_complaint}", "{profane_complaint} {tail}", "{bad}",
                "{bad} {bad}", "what the {bad}", "{bad} this {gthing}", "{bad} {nuisance}", "oh {bad}",
                "{sexual}", "{group_hate}", "{bad} yeah {we} won", "holy {bad}", "{bad}ing hell",
                "I don't give a {bad}", "who the {bad} cares", "{game} {bad}", "{bad} me");
        slot("profane_complaint", "this {gthing} is {bad} {gneutral}", "this {bad} {gthing}", "the {gthing} is {bad}",
                "{bad} the {gthing}", "the {bad} {nuisance} again", "my {bad} {hardware} died", "what a {bad} {mess}",
                "this is {bad} {mild}", "{nuisance} is {bad} {mild}", "such {bad} {nuisance}",
                "the devs don't give a {bad}", "the whole {gthing} is {bad}");
        slot("mess", "mess", "show", "match", "lobby", "update", "map");
        slot("sexual", "send {sex}", "{sex} pics in my dms", "show me your {sex}", "who wants to {sex}",
                "I want {sex}", "{sex} {sex}", "looking for {sex}", "I'm so horny", "{sex} chat anyone");
        slot("group_hate", "all {group} are {hate_adj}", "{group} should be {hate_fate}", "I hate {group}",
                "{group} ruin everything", "{slur}s are {hate_adj}", "no {group} allowed in this lobby",
                "{group} are not human", "kill all {group}");
        slot("group", "jews", "muslims", "women", "gays", "immigrants", "black people", "trans people", "mexicans",
                "asians", "christians", "arabs", "gypsies", "refugees");
        slot("hate_adj", "animals", "disgusting", "subhuman", "trash", "stupid", "vermin", "terrorists", "freaks",
                "a disease");
        slot("hate_fate", "deported", "banned from games", "locked up", "wiped out", "gassed");
        // ---- harassment ----
        slot("harassment", "{insult_at}", "{insult_at}", "{threat}", "{threat}", "{selfharm}", "{exclusion}",
                "{name} is a {insult}", "{name} {insult_at}", "{insult_at} {tail}", "{slur_at}", "{appearance}",
                "{family_insult}", "{dox}");
        slot("insult_at", "you're a {insult}", "you are such a {insult}", "shut up you {insult}", "you {insult}",
                "you {bad} {insult}", "you're so {dumb}", "you are {dumb} and {dumb}", "stfu {insult}",
                "nobody asked you, {insult}", "you're {dumb} as hell", "what a {dumb} {insult} you are",
                "you're worthless {name}", "you're pathetic", "you're the worst person here", "cry more, {insult}",
                "ur a {insult}", "u r so {dumb}", "get lost you {insult}", "shut your mouth {insult}");
        slot("slur_at", "you {slur}", "shut up {slur}", "{name} is a {slur}", "you're a {slur}",
                "go away {slur}", "stupid {slur}");
        slot("threat", "I will {harm} you", "I'm going to {harm} you", "I know where you live {name}", "I'll find you",
                "watch your back, I'm serious", "I'll {harm} you after school", "you're dead, I'm not joking",
                "I'll come to your house", "I'll {harm} your family", "I have your IP", "I'll make your life hell",
                "I swear I'll {harm} you irl");
        slot("harm", "hurt", "find", "beat up", "stab", "kill", "destroy", "end", "strangle");
        slot("selfharm", "kys", "kill yourself already", "go kill yourself", "go die", "just die", "I hope you die soon",
                "you should die", "drink bleach", "go jump off a roof", "end yourself", "go unalive yourself",
                "nobody would miss you", "go hang yourself", "do everyone a favour and die", "kys {insult}");
        slot("exclusion", "nobody likes you", "everyone hates you", "leave the server {name}",
                "nobody wants you here", "get out of here {insult}", "go away, no one wants you",
                "everyone report {name}", "let's all spam {name}'s dms", "don't play with {name}, she's a {insult}");
        slot("appearance", "you're ugly", "you're fat and ugly", "your face is disgusting",
                "you're too ugly for camera", "your voice is disgusting", "post your face so we can laugh");
        slot("family_insult", "your mom is a {insult}", "your dad left because of you",
                "your family should be ashamed of you", "your parents regret having you");
        slot("dox", "I'll dox you {name}", "I'll leak your address", "I'll post your pics everywhere",
                "I'll ruin your reputation");
        slot("insult", "idiot", "moron", "loser", "clown", "retard", "failure", "waste of space", "freak", "creep",
                "dumbass", "scumbag", "bitch", "bastard", "piece of shit", "garbage human", "jerk", "imbecile",
                "degenerate", "parasite", "coward", "psycho", "cretin", "cunt", "slut", "whore", "pig", "pedo",
                "{bad}");
        slot("dumb", "dumb", "stupid", "useless", "pathetic", "brainless", "ugly", "fat", "worthless", "annoying",
                "disgusting", "retarded");
        slot("name", "@alex", "sam", "<@123456789012345678>", "@jordan", "mike", "lena", "@kai", "priya", "tom",
                "@noob_slayer", "<@987654321098765432>", "dave", "@mira");
        // ---- spam ----
        slot("spam", "{hook} {offer} {cta} {link}", "{hook} {offer} {link}", "{offer} {cta} {link}",
                "{offer} {link}", "{hook} {offer}, {cta}", "{phish} {link}", "{lure} {link}", "{selling}",
                "{money}", "{hook} {money}", "join {invite} {invite_tail}", "{invite} {invite_tail}",
                "{offer} {offer} {offer} {link}", "{hook} {crypto} {link}", "{crypto}");
        slot("hook", "@everyone", "@here", "hey!", "🎁", "🔥🔥", "LIMITED OFFER!!!", "ATTENTION", "bro", "guys",
                "hello friend", "🚀🚀🚀", "congratulations!", "last chance!!!", "new!!!", "hurry");
        slot("offer", "free nitro", "free discord nitro", "3 months of nitro", "free skins", "1000 robux",
                "free vbucks", "free steam gift card", "$50 gift card", "crypto airdrop", "free crypto",
                "cheap game keys", "free followers", "cheap accounts", "boosting service", "free aimbot",
                "a prize", "an iphone", "free spins", "500% bonus", "exclusive nft mint", "hot singles",
                "free netflix", "10k followers for $5");
        slot("cta", "claim now", "click here", "dm me", "join now", "connect your wallet", "sign up",
                "before it ends", "log in to claim", "react and claim", "only today", "limited spots",
                "first 100 only", "don't miss it");
        slot("link", "{scheme}{brand}{sep}{word}.{tld}{path}", "{scheme}{word}-{word}.{tld}{path}",
                "{scheme}{brand}.{tld}{path}", "www.{word}{word}.{tld}", "{short_link}");
        slot("scheme", "https://", "http://", "");
        slot("brand", "dlscord", "disc0rd", "discordnitro", "steamcommunlty", "steam-trade", "nitro", "epicgames",
                "robux", "airdrop", "crypto", "gift", "free", "claim", "prize", "wallet", "discord-gift", "nltro");
        slot("sep", "-", "", ".");
        slot("word", "free", "gift", "claim", "prize", "win", "cash", "bonus", "promo", "event", "drop", "deal",
                "mega", "lucky", "reward", "official", "secure", "verify", "app", "get", "easy");
        slot("tld", "xyz", "ru", "top", "gift", "click", "io", "biz", "info", "link", "site", "live", "shop", "bet",
                "win", "cn", "com", "net");
        slot("path", "", "/claim", "/free", "/login", "/gift/x7f9", "/nitro", "/?ref=123", "/verify");
        slot("short_link", "bit.ly/3xFr33", "tinyurl.com/freegift", "t.me/pumpsignals", "t.me/freecrypto",
                "cutt.ly/nitro");
        slot("phish", "your account will be banned, verify at", "Discord staff: your account was flagged, appeal at",
                "I accidentally reported you, fix it here", "security alert, log in at",
                "your nitro expired, renew free at", "trust & safety needs you to confirm");
        slot("lure", "is this you in the video??", "lol is this you?", "bro you're famous", "check this pic of you",
                "omg look what they posted about you");
        slot("selling", "selling accounts cheap dm me", "selling {offer} dm me", "buying and selling skins, best prices",
                "cheap {offer} fast delivery", "boosting any rank in 24h cheap", "I can hack any account for $50",
                "cheap gold fast delivery, dm", "selling cheap nitro and boosts dm");
        slot("money", "earn ${amount} a day from home", "make ${amount} a week, no experience, dm me",
                "I made ${amount} last week trading, dm me to learn", "work from home opportunity, reply yes",
                "get rich quick, ask me how", "invest with me, {percent}% weekly returns, no risk",
                "passive income ${amount}/day, dm");
        slot("amount", "300", "500", "1000", "3000", "12,000", "50");
        slot("percent", "40", "100", "300", "1000");
        slot("crypto", "{coin} is about to moon, buy now", "send {coin} and get double back",
                "{coin} doubling event live", "new {coin} presale, 100x guaranteed", "{coin} pump starts in 5 minutes",
                "free {coin} airdrop for the first 500 wallets");
        slot("coin", "btc", "eth", "bitcoin", "$SHIB", "doge", "usdt", "sol", "crypto", "$PEPE");
        slot("invite", "discord.gg/freestuff", "discord.gg/{word}{word}", "discord.gg/{word}123",
                "discord.gg/x7f9ab");
        slot("invite_tail", "best server", "free giveaways", "free nitro inside", "join now!!!", "active 24/7",
                "crypto signals", "18+ content", "");
    }

    private SyntheticCorpus() {
    }

    /**
     * @param presets        the word lists
     * @param sentences      WordNet sentences (safe); may be empty
     * @param perLabel       examples generated per label
     * @param wordNetSamples WordNet sentences sampled as further safe examples
     */
    public static List<LabelledText> build(PresetLibrary presets, List<String> sentences, int perLabel,
                                           int wordNetSamples, long seed) {
        Random random = new Random(seed);
        Filler fill = new Filler(random, Map.of(
                "bad", strong(presets.words(KeywordPresetType.PROFANITY)),
                "sex", strong(presets.words(KeywordPresetType.SEXUAL_CONTENT)),
                "slur", presets.words(KeywordPresetType.SLURS)));
        List<LabelledText> out = new ArrayList<>();
        for (String label : Labels.ALL) {
            for (int i = 0; i < perLabel; i++) {
                String text = fill.fill("{" + label + "}", 0);
                out.add(new LabelledText(label, label.equals(Labels.SAFE) ? fill.casual(text) : fill.obfuscated(text)));
            }
        }
        List<String> pool = new ArrayList<>(sentences);
        Collections.shuffle(pool, random);
        for (String s : pool.subList(0, Math.min(wordNetSamples, pool.size()))) {
            out.add(new LabelledText(Labels.SAFE, fill.casual(s)));
        }
        return out;
    }

    /** A word list without the mild words that the chat labelling guide counts as acceptable. */
    private static List<String> strong(List<String> words) {
        return words.stream().filter(w -> !MILD.contains(w)).toList();
    }

    private record Filler(Random random, Map<String, List<String>> lists) {
        String fill(String template, int depth) {
            if (depth > 8) {
                throw new IllegalStateException("grammar too deep at " + template);
            }
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
                String name = template.substring(open + 1, close);
                List<String> list = lists.get(name);
                if (name.equals("bad") && random.nextInt(5) < 3) {
                    sb.append(fill("{common_bad}", depth + 1));
                } else if (list != null) {
                    sb.append(list.get(random.nextInt(list.size())));
                } else {
                    String[] values = SLOTS.get(name);
                    if (values == null) {
                        throw new IllegalArgumentException("unknown slot {" + name + "}");
                    }
                    sb.append(fill(values[random.nextInt(values.length)], depth + 1));
                }
                i = close + 1;
            }
            return sb.toString();
        }

        /** Chat styling: case, a trailing emoji or "lol", a dropped final stop. */
        String casual(String s) {
            return switch (random.nextInt(12)) {
                case 0 -> s.toLowerCase(Locale.ROOT);
                case 1 -> s.toUpperCase(Locale.ROOT);
                case 2 -> s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
                case 3 -> s + " lol";
                case 4 -> s + " 😂";
                case 5 -> Character.toUpperCase(s.charAt(0)) + s.substring(1);
                default -> s;
            };
        }

        /** Casual styling, or one of the evasions the normaliser undoes. */
        String obfuscated(String s) {
            return switch (random.nextInt(16)) {
                case 0 -> leet(s);
                case 1 -> spaced(s);
                case 2 -> zeroWidth(s);
                case 3 -> fullWidth(s);
                case 4 -> stretched(s);
                default -> casual(s);
            };
        }

        private String leet(String s) {
            return s.replace('e', '3').replace('a', '4').replace('o', '0').replace('i', '1');
        }

        /** One word of three or more letters written with spaces or dots between its letters. */
        private String spaced(String s) {
            String[] words = s.split(" ");
            int w = random.nextInt(words.length);
            if (words[w].length() >= 3) {
                String sep = random.nextBoolean() ? " " : ".";
                words[w] = String.join(sep, words[w].split(""));
            }
            return String.join(" ", words);
        }

        private String zeroWidth(String s) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < s.length(); i++) {
                sb.append(s.charAt(i));
                if (Character.isLetter(s.charAt(i)) && random.nextInt(4) == 0) {
                    sb.append('\u200b');
                }
            }
            return sb.toString();
        }

        private String fullWidth(String s) {
            StringBuilder sb = new StringBuilder();
            for (char c : s.toCharArray()) {
                sb.append(c >= '!' && c <= '~' ? (char) (c - '!' + '\uff01') : c);
            }
            return sb.toString();
        }

        private String stretched(String s) {
            StringBuilder sb = new StringBuilder();
            boolean done = false;
            for (char c : s.toCharArray()) {
                sb.append(c);
                if (!done && "aeiou".indexOf(c) >= 0 && random.nextInt(3) == 0) {
                    sb.append(String.valueOf(c).repeat(3 + random.nextInt(4)));
                    done = true;
                }
            }
            return sb.toString();
        }
    }
}
