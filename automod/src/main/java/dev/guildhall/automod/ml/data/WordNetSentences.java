package dev.guildhall.automod.ml.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Example sentences and glosses of WordNet 3.0 (Debian package {@code wordnet-base}, {@code /usr/share/wordnet}):
 * every {@code data.*} line ends with {@code | gloss; "example"; "example"}. Examples are everyday English written
 * by lexicographers ("he killed the engine", "the assassin was caught") — ideal safe text, including the words that
 * keyword filters trip over.
 */
public final class WordNetSentences {
    public static final Path DEFAULT_DIR = Path.of("/usr/share/wordnet");
    private static final String[] FILES = {"data.noun", "data.verb", "data.adj", "data.adv"};

    private WordNetSentences() {
    }

    /** Quoted example sentences of at least three words, then glosses, de-duplicated, in file order. */
    public static List<String> load(Path dir) throws IOException {
        Set<String> examples = new LinkedHashSet<>();
        Set<String> glosses = new LinkedHashSet<>();
        for (String name : FILES) {
            Path file = dir.resolve(name);
            if (!Files.exists(file)) {
                throw new NoSuchFileException(file.toString(), null,
                        "WordNet is not installed (Debian package wordnet-base; ./guildhall deps installs it)");
            }
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("  ")) {
                        continue; // licence header
                    }
                    int bar = line.indexOf(" | ");
                    if (bar < 0) {
                        continue;
                    }
                    parseGloss(line.substring(bar + 3).strip(), examples, glosses);
                }
            }
        }
        List<String> out = new ArrayList<>(examples);
        out.addAll(glosses);
        return out;
    }

    static void parseGloss(String gloss, Set<String> examples, Set<String> glosses) {
        int firstQuote = gloss.indexOf('"');
        String definition = (firstQuote < 0 ? gloss : gloss.substring(0, firstQuote)).strip();
        if (definition.endsWith(";")) {
            definition = definition.substring(0, definition.length() - 1).strip();
        }
        if (definition.split(" ").length >= 3) {
            glosses.add(definition);
        }
        int i = firstQuote;
        while (i >= 0) {
            int end = gloss.indexOf('"', i + 1);
            if (end < 0) {
                break;
            }
            String example = gloss.substring(i + 1, end).strip();
            if (example.split(" ").length >= 3) {
                examples.add(example);
            }
            i = gloss.indexOf('"', end + 1);
        }
    }
}
