package dev.guildhall.simulator.chat;

import java.util.List;
import java.util.Random;

/**
 * Random gaming chatter from templates and word lists. Deterministic for a given seed; every line is 1..2000
 * characters (Discord's message limit) and never empty.
 */
public final class ChatterGenerator {
    public static final int MAX_LENGTH = 2000;

    private static final List<String> GAMES = List.of("ranked", "the raid", "arena", "customs", "the new season",
            "speedruns", "co-op", "the dungeon", "battle royale", "the tournament", "scrims", "the event");
    private static final List<String> TIMES = List.of("tonight", "in 10", "after dinner", "at 9", "this weekend",
            "right now", "later", "tomorrow");
    private static final List<String> HEROES = List.of("the sniper", "the healer", "the tank", "the new mage",
            "the rogue", "that shotgun", "the ult", "the dash ability", "the jungle path");
    private static final List<String> TAKES = List.of("so broken after the patch", "kinda mid now", "actually cracked",
            "needs a buff", "getting nerfed next week", "underrated", "the meta now");
    private static final List<String> REACTIONS = List.of("gg", "gg wp", "lol", "lmao", "nice", "pog", "rip", "no way",
            "clutch", "ez", "F", "let's gooo", "that was close", "one more?");
    private static final List<String> EMOJI = List.of("", "", "", " :)", " xD", " 🎮", " 🔥", " 💀", " 🏆", " 😅");
    private static final List<String> TEMPLATES = List.of(
            "anyone up for {game} {time}?",
            "{reaction}{emoji}",
            "{reaction} {reaction}{emoji}",
            "{hero} is {take}",
            "who's hopping in voice {time}?",
            "need one more for {game}",
            "just hit a new personal best in {game}{emoji}",
            "lag is real today",
            "patch notes are out, {hero} is {take}",
            "queue times for {game} are wild",
            "brb",
            "can someone carry me in {game}{emoji}",
            "{reaction}, that last round was insane",
            "drop your best loadout for {game}",
            "who's streaming {time}?");

    private final Random random;

    public ChatterGenerator(long seed) {
        this.random = new Random(seed);
    }

    public synchronized String next() {
        String line = TEMPLATES.get(random.nextInt(TEMPLATES.size()));
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < line.length()) {
            int open = line.indexOf('{', i);
            if (open < 0) {
                out.append(line, i, line.length());
                break;
            }
            int close = line.indexOf('}', open);
            out.append(line, i, open);
            out.append(fill(line.substring(open + 1, close)));
            i = close + 1;
        }
        String s = out.toString().strip();
        if (s.isEmpty()) {
            s = "gg";
        }
        return s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) : s;
    }

    private String fill(String slot) {
        return switch (slot) {
            case "game" -> pick(GAMES);
            case "time" -> pick(TIMES);
            case "hero" -> pick(HEROES);
            case "take" -> pick(TAKES);
            case "reaction" -> pick(REACTIONS);
            case "emoji" -> pick(EMOJI);
            default -> throw new IllegalStateException("unknown slot " + slot);
        };
    }

    private String pick(List<String> words) {
        return words.get(random.nextInt(words.size()));
    }
}
