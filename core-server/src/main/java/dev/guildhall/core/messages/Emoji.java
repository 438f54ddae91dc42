package dev.guildhall.core.messages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.errors.UnknownEmoji;
import dev.guildhall.core.json.Json;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reaction emoji as Discord takes it in a path: a Unicode emoji (URL-encoded) or a custom emoji {@code name:id}.
 * Anything else is 10014 Unknown Emoji. Guildhall has no guild emoji store yet, so a well-formed custom emoji is
 * accepted without checking that it exists.
 *
 * @param id   custom emoji id, or 0 for a Unicode emoji
 * @param name the Unicode emoji, or the custom emoji's name
 */
public record Emoji(long id, String name) {
    private static final Pattern CUSTOM = Pattern.compile("(?:a:)?([A-Za-z0-9_]{2,32}):(\\d{1,20})");

    /** Key of the reaction row: the custom id, or the Unicode emoji itself. */
    public String key() {
        return id != 0 ? Long.toString(id) : name;
    }

    public ObjectNode json() {
        ObjectNode o = Json.object();
        if (id != 0) {
            o.put("id", Json.id(id));
        } else {
            o.putNull("id");
        }
        o.put("name", name);
        return o;
    }

    /** Parses the {@code {emoji}} path segment (already percent-decoded by the HTTP layer, or not). */
    public static Emoji parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new UnknownEmoji();
        }
        String s = raw;
        if (s.indexOf('%') >= 0) {
            try {
                s = URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new UnknownEmoji();
            }
        }
        Matcher m = CUSTOM.matcher(s);
        if (m.matches()) {
            try {
                long id = Long.parseUnsignedLong(m.group(2));
                if (id > 0) {
                    return new Emoji(id, m.group(1));
                }
            } catch (NumberFormatException e) {
                // falls through to Unknown Emoji
            }
            throw new UnknownEmoji();
        }
        if (!isUnicodeEmoji(s)) {
            throw new UnknownEmoji();
        }
        return new Emoji(0, s);
    }

    /**
     * Whether the text is one emoji sequence: pictographic symbols joined by ZWJ, with variation selectors,
     * skin-tone modifiers, tags, regional-indicator pairs (flags) and keycaps.
     */
    static boolean isUnicodeEmoji(String s) {
        if (s.length() > 64) {
            return false;
        }
        int[] cps = s.codePoints().toArray();
        boolean symbol = false;
        for (int i = 0; i < cps.length; i++) {
            int cp = cps[i];
            if (cp == 0x200D || cp == 0xFE0F || cp == 0xFE0E || cp == 0x20E3
                    || (cp >= 0x1F3FB && cp <= 0x1F3FF) || (cp >= 0xE0020 && cp <= 0xE007F)) {
                continue;
            }
            if ((cp >= '0' && cp <= '9') || cp == '#' || cp == '*') {
                // keycap base: must be followed by an optional FE0F and U+20E3
                int j = i + 1;
                if (j < cps.length && cps[j] == 0xFE0F) {
                    j++;
                }
                if (j >= cps.length || cps[j] != 0x20E3) {
                    return false;
                }
                symbol = true;
                continue;
            }
            if (cp >= 0x1F1E6 && cp <= 0x1F1FF) {
                symbol = true;
                continue;
            }
            int type = Character.getType(cp);
            if (type == Character.OTHER_SYMBOL || cp == 0x00A9 || cp == 0x00AE || cp == 0x203C || cp == 0x2049) {
                symbol = true;
                continue;
            }
            return false;
        }
        return symbol;
    }
}
