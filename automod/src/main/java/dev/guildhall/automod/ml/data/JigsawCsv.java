package dev.guildhall.automod.ml.data;

import dev.guildhall.automod.ml.Labels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Jigsaw toxic-comment CSV format ({@code id,comment_text,toxic,severe_toxic,obscene,threat,insult,identity_hate},
 * RFC 4180 quoting, comments spanning lines), for operators who hold that data. Columns are found by their header
 * names, so extra columns are ignored. Labels: {@code threat}, {@code insult} or {@code identity_hate} → harassment
 * (aimed at someone); else {@code toxic}, {@code severe_toxic} or {@code obscene} → toxic; else safe. A flag counts
 * when it is 1 (or, in the later Jigsaw sets with fractional scores, at least 0.5).
 */
public final class JigsawCsv {
    private static final List<String> HARASSMENT = List.of("threat", "insult", "identity_hate");
    private static final List<String> TOXIC = List.of("toxic", "severe_toxic", "obscene");

    private JigsawCsv() {
    }

    public static Dataset read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Dataset(file.getFileName().toString(), read(in, file.toString()));
        }
    }

    public static List<LabelledText> read(Reader reader, String source) throws IOException {
        CsvReader csv = new CsvReader(reader);
        List<String> header = csv.next();
        if (header == null) {
            throw new IOException(source + ": empty file");
        }
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            column.put(header.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        for (String required : List.of("comment_text", "toxic", "severe_toxic", "obscene", "threat", "insult",
                "identity_hate")) {
            if (!column.containsKey(required)) {
                throw new IOException(source + ": no column " + required + " (header: " + header + ")");
            }
        }
        List<LabelledText> out = new ArrayList<>();
        for (List<String> row; (row = csv.next()) != null; ) {
            if (row.size() == 1 && row.get(0).isEmpty()) {
                continue;
            }
            if (row.size() < header.size()) {
                throw new IOException(source + ": record " + (out.size() + 1) + " has " + row.size()
                        + " fields, the header " + header.size());
            }
            String label = any(row, column, HARASSMENT, source) ? Labels.HARASSMENT
                    : any(row, column, TOXIC, source) ? Labels.TOXIC : Labels.SAFE;
            out.add(new LabelledText(label, row.get(column.get("comment_text"))));
        }
        return out;
    }

    private static boolean any(List<String> row, Map<String, Integer> column, List<String> names, String source)
            throws IOException {
        for (String name : names) {
            String v = row.get(column.get(name)).strip();
            try {
                if (Double.parseDouble(v) >= 0.5) {
                    return true;
                }
            } catch (NumberFormatException e) {
                throw new IOException(source + ": column " + name + " is not a number: '" + v + "'");
            }
        }
        return false;
    }

    /** RFC 4180 records: fields separated by commas, quoted fields may hold commas, newlines and "" quotes. */
    static final class CsvReader {
        private final Reader in;
        private int peeked = -2;

        CsvReader(Reader in) {
            this.in = in;
        }

        private int read() throws IOException {
            if (peeked != -2) {
                int c = peeked;
                peeked = -2;
                return c;
            }
            return in.read();
        }

        private int peek() throws IOException {
            if (peeked == -2) {
                peeked = in.read();
            }
            return peeked;
        }

        /** The next record, or null at the end. */
        List<String> next() throws IOException {
            int c = read();
            if (c == -1) {
                return null;
            }
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            while (true) {
                if (quoted) {
                    if (c == -1) {
                        throw new IOException("unterminated quoted field");
                    }
                    if (c == '"') {
                        if (peek() == '"') {
                            read();
                            field.append('"');
                        } else {
                            quoted = false;
                        }
                    } else {
                        field.append((char) c);
                    }
                } else if (c == '"' && field.isEmpty()) {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n' || c == -1) {
                    fields.add(field.toString());
                    return fields;
                } else if (c == '\r') {
                    if (peek() == '\n') {
                        read();
                    }
                    fields.add(field.toString());
                    return fields;
                } else {
                    field.append((char) c);
                }
                c = read();
            }
        }
    }
}
