package dev.guildhall.automod.ml.cli;

import dev.guildhall.automod.ml.MessageClassifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code automod score FILE}: one message per line, or a TSV line whose last column is the message; prints a header
 * naming the labels, then one line of tab-separated scores (4 decimals) per input line, in order. Lines are scored
 * in batches.
 */
final class ScoreCommand {
    private static final int BATCH = 256;

    private ScoreCommand() {
    }

    static void run(MessageClassifier classifier, String file, PrintStream out) throws IOException {
        out.println(String.join("\t", classifier.labels()));
        try (BufferedReader in = "-".equals(file)
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            List<String> batch = new ArrayList<>(BATCH);
            for (String line; (line = in.readLine()) != null; ) {
                batch.add(message(line));
                if (batch.size() == BATCH) {
                    print(classifier.scoreBatch(batch), out);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                print(classifier.scoreBatch(batch), out);
            }
        }
        out.flush();
    }

    /** The last tab-separated column of a line (the whole line when it has no tab). */
    static String message(String line) {
        int tab = line.lastIndexOf('\t');
        return tab < 0 ? line : line.substring(tab + 1);
    }

    private static void print(float[][] scores, PrintStream out) {
        StringBuilder sb = new StringBuilder();
        for (float[] row : scores) {
            sb.setLength(0);
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    sb.append('\t');
                }
                sb.append(String.format(Locale.ROOT, "%.4f", row[i]));
            }
            out.println(sb);
        }
    }
}
