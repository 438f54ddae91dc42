package dev.guildhall.console.reviewqueue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** How the queue view writes times, ages, scores, rule triggers and long texts. */
final class QueueTexts {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    /** Rule trigger types, Discord's and Guildhall's model ones. */
    static final Map<Integer, String> TRIGGERS = Map.of(1, "Keyword", 3, "Spam", 4, "Keyword preset",
            5, "Mention spam", 100, "ML toxicity", 101, "ML spam");

    private QueueTexts() {
    }

    static String trigger(int type) {
        return TRIGGERS.getOrDefault(type, "trigger " + type);
    }

    static String score(Double score) {
        return score == null ? "—" : String.format("%.2f", score);
    }

    /** One line of at most 140 characters. */
    static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String one = text.replaceAll("\\s+", " ");
        return one.length() <= 140 ? one : one.substring(0, 139) + "…";
    }

    static String age(Instant at) {
        Duration d = Duration.between(at, Instant.now());
        if (d.toMinutes() < 1) {
            return "just now";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " min";
        }
        if (d.toDays() < 1) {
            return d.toHours() + " h";
        }
        return d.toDays() + " d";
    }
}
