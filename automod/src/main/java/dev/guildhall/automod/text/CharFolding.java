package dev.guildhall.automod.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Folds one code point to the characters it is matched as: NFKC, full case folding (upper then lower case,
 * so {@code ß} becomes {@code ss}), Latin diacritics removed, Cyrillic and Greek look-alikes replaced by the
 * Latin letter they imitate, invisible characters (format characters, combining marks on their own, fillers,
 * controls, lone surrogates) removed and every kind of whitespace turned into one space.
 */
final class CharFolding {
    private static final Map<Integer, String> CONFUSABLES = confusables();
    private static final Map<Integer, String> CACHE = new ConcurrentHashMap<>();
    private static final int CACHE_MAX = 65_536;

    private CharFolding() {
    }

    /** The folded form of a non-ASCII code point (empty when it is invisible). */
    static String foldNonAscii(int cp) {
        String cached = CACHE.get(cp);
        if (cached != null) {
            return cached;
        }
        String folded = compute(cp);
        if (CACHE.size() < CACHE_MAX) {
            CACHE.put(cp, folded);
        }
        return folded;
    }

    /** An ASCII character folded: lower case, whitespace and controls handled; -1 when it is dropped. */
    static int foldAscii(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c + ('a' - 'A');
        }
        if (c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) {
            return ' ';
        }
        if (c < 0x20 || c == 0x7F) {
            return -1;
        }
        return c;
    }

    private static String compute(int cp) {
        if (isInvisible(cp)) {
            return "";
        }
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return " ";
        }
        String direct = CONFUSABLES.get(cp);
        if (direct != null) {
            return direct;
        }
        String s = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
        s = s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        s = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (isInvisible(c)) {
                continue;
            }
            String mapped = CONFUSABLES.get(c);
            if (mapped != null) {
                out.append(mapped);
            } else if (c < 128) {
                int a = foldAscii((char) c);
                if (a >= 0) {
                    out.append((char) a);
                }
            } else if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                out.append(' ');
            } else {
                out.appendCodePoint(c);
            }
        }
        return Normalizer.normalize(out, Normalizer.Form.NFC);
    }

    static boolean isInvisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.FORMAT              // zero-width space/joiners, bidi marks, soft hyphen, BOM
                || type == Character.NON_SPACING_MARK  // combining marks (diacritics once decomposed, zalgo, variation selectors)
                || type == Character.ENCLOSING_MARK
                || type == Character.SURROGATE          // a lone surrogate is not text
                || type == Character.CONTROL && !Character.isWhitespace(cp)
                || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 // Hangul fillers
                || cp == 0x2800;                       // braille blank
    }

    /**
     * Cyrillic and Greek letters (both cases) that look like a Latin letter, and a few Latin look-alikes
     * NFKC keeps. A deliberately small table after Unicode's confusables.txt, not its full skeleton.
     */
    private static Map<Integer, String> confusables() {
        Map<Integer, String> m = new java.util.HashMap<>();
        String[] pairs = {
                // Cyrillic lower and upper case
                "а", "a", "А", "a", "в", "b", "В", "b", "с", "c", "С", "c", "ԁ", "d", "е", "e", "Е", "e", "ё", "e",
                "Ё", "e", "һ", "h", "Н", "h", "н", "h", "і", "i", "І", "i", "ї", "i", "Ї", "i", "ӏ", "l", "Ӏ", "l",
                "ј", "j", "Ј", "j", "к", "k", "К", "k", "м", "m", "М", "m", "о", "o", "О", "o", "р", "p", "Р", "p",
                "ԛ", "q", "Ԛ", "q", "ѕ", "s", "Ѕ", "s", "т", "t", "Т", "t", "у", "y", "У", "y", "ү", "y", "Ү", "y",
                "х", "x", "Х", "x", "ԝ", "w", "Ԝ", "w", "ь", "b", "з", "3", "З", "3", "п", "n",
                // Greek lower and upper case
                "α", "a", "Α", "a", "β", "b", "Β", "b", "ε", "e", "Ε", "e", "ζ", "z", "Ζ", "z", "η", "n", "Η", "h",
                "ι", "i", "Ι", "i", "κ", "k", "Κ", "k", "Μ", "m", "ν", "v", "Ν", "n", "ο", "o", "Ο", "o", "ρ", "p",
                "Ρ", "p", "τ", "t", "Τ", "t", "υ", "u", "Υ", "y", "χ", "x", "Χ", "x", "γ", "y", "ω", "w", "ϲ", "c",
                "Ϲ", "c",
                // Latin look-alikes that NFKC leaves alone
                "ı", "i", "ɑ", "a", "ɡ", "g", "ɩ", "i", "ʀ", "r", "ᴀ", "a", "ʙ", "b", "ᴄ", "c", "ᴅ", "d", "ᴇ", "e",
                "ɢ", "g", "ʜ", "h", "ɪ", "i", "ᴊ", "j", "ᴋ", "k", "ʟ", "l", "ᴍ", "m", "ɴ", "n", "ᴏ", "o", "ᴘ", "p",
                "ᴛ", "t", "ᴜ", "u", "ᴠ", "v", "ᴡ", "w", "ʏ", "y", "ᴢ", "z", "ø", "o", "Ø", "o", "đ", "d", "ł", "l",
                "Ł", "l", "ħ", "h",
        };
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i].codePointAt(0), pairs[i + 1]);
        }
        return Map.copyOf(m);
    }
}
