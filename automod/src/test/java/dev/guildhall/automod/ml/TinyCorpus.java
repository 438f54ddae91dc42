package dev.guildhall.automod.ml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Small stand-ins for the SpamAssassin package and the WordNet database, for tests of the data pipeline. */
public final class TinyCorpus {
    private TinyCorpus() {
    }

    /** A SpamAssassin-shaped data directory with {@code perGroup} mails in each of the five groups. */
    public static Path spamAssassin(Path dir, int perGroup) throws IOException {
        Path sa = dir.resolve("sa");
        for (String group : List.of("easy-ham-1", "easy-ham-2", "hard-ham-1", "spam-1", "spam-2")) {
            Files.createDirectories(sa.resolve(group));
            for (int i = 0; i < perGroup; i++) {
                String body = group.startsWith("spam") ? "FREE money, click http://win-cash.xyz/claim now " + i
                        : "meeting notes for the build server, see you tomorrow " + i;
                Files.writeString(sa.resolve(group).resolve(String.format("%05d.x.txt", i)), "Subject: s\n\n" + body);
            }
        }
        return sa;
    }

    /** A WordNet-shaped directory whose four data files hold one gloss line each. */
    public static Path wordNet(Path dir) throws IOException {
        Path wn = Files.createDirectories(dir.resolve("wordnet"));
        for (String f : List.of("data.noun", "data.verb", "data.adj", "data.adv")) {
            Files.writeString(wn.resolve(f),
                    "  1 licence header line\n00001 03 n 01 word 0 000 | a gloss with words; \"the assassin was caught\"\n");
        }
        return wn;
    }
}
