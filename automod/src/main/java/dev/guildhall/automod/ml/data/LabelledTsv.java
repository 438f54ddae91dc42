package dev.guildhall.automod.ml.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The labelled TSV format of moderator decisions exported from the review queue (and of the chat evaluation set):
 * one example per line, {@code label<TAB>text}, UTF-8. The label is one of safe, spam, toxic, harassment. In the
 * text, a backslash escapes: {@code \n} newline, {@code \t} tab, {@code \\} backslash (other characters as
 * written). Empty lines and lines starting with {@code #} are skipped. A bad line fails the whole file with its line
 * number.
 *
 * <p>The review queue's export ({@code GET /guilds/{id}/auto-moderation/queue/decisions.tsv}) is read as it is
 * downloaded: when the first line is a header naming a {@code label} and a {@code text} column (the export's is
 * {@code item_id resolved_at action label trigger_type text}), every line takes its label and text from those
 * columns, the text verbatim (the export has no tabs or line breaks in it).
 */
public final class LabelledTsv {
    private LabelledTsv() {
    }

    public static Dataset read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Dataset(file.getFileName().toString(), read(in, file.toString()));
        }
    }

    public static List<LabelledText> read(Reader reader, String source) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<LabelledText> out = new ArrayList<>();
        int lineNo = 0;
        Columns columns = null;
        boolean first = true;
        for (String line; (line = in.readLine()) != null; ) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (first) {
                first = false;
                columns = Columns.of(line);
                if (columns != null) {
                    continue;
                }
            }
            if (columns != null) {
                out.add(columns.read(line, source + ":" + lineNo));
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new IOException(source + ":" + lineNo + ": expected label<TAB>text");
            }
            String label = line.substring(0, tab).strip();
            try {
                out.add(new LabelledText(label, unescape(line.substring(tab + 1))));
            } catch (IllegalArgumentException e) {
                throw new IOException(source + ":" + lineNo + ": " + e.getMessage());
            }
        }
        return out;
    }

    public static void write(List<LabelledText> examples, Writer out) {
        try {
            for (LabelledText e : examples) {
                out.write(e.label() + "\t" + escape(e.text()) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The label and text columns named by an export's header line. */
    private record Columns(int label, int text, int count) {
        /** The columns of a header line, or null when the line is no header. */
        static Columns of(String line) {
            List<String> names = List.of(line.split("\t", -1));
            int label = names.indexOf("label");
            int text = names.indexOf("text");
            return label < 0 || text < 0 ? null : new Columns(label, text, names.size());
        }

        LabelledText read(String line, String where) throws IOException {
            String[] f = line.split("\t", -1);
            if (f.length != count) {
                throw new IOException(where + ": expected " + count + " tab-separated columns as in the header, got "
                        + f.length);
            }
            try {
                return new LabelledText(f[label].strip(), f[text]);
            } catch (IllegalArgumentException e) {
                throw new IOException(where + ": " + e.getMessage());
            }
        }
    }

    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "").replace("\n", "\\n");
    }

    static String unescape(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char n = text.charAt(++i);
                switch (n) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case '\\' -> sb.append('\\');
                    default -> sb.append('\\').append(n);
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
