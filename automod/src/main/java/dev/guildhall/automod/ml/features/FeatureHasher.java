package dev.guildhall.automod.ml.features;

import dev.guildhall.automod.text.NormalizedText;
import dev.guildhall.automod.text.TextNormalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a message into hashed sparse features, after the rule engine's {@link TextNormalizer} (so leet-speak,
 * confusables, zero-width characters and spaced-out letters fold the same way as for keyword rules):
 * <ul>
 *   <li>words of the normalised text (leet-decoded when the message has leet-speak; the words as written are
 *       added when they differ), a letter stretched {@value TextNormalizer#STRETCH}+ times read once;</li>
 *   <li>word bigrams;</li>
 *   <li>character n-grams ({@code minGram}..{@code maxGram}) of every word with boundary marks, so unseen
 *       spellings and inflections share features;</li>
 *   <li>shape features of the text as written: links and their host's last label, mentions, @everyone, share of
 *       capitals, exclamation marks, currency, length.</li>
 * </ul>
 * Each feature is hashed into {@code [1, dimension)} with weight {@code 1/sqrt(n)} (n features in the message).
 * Stateless and thread-safe. Text beyond {@link #MAX_CHARS} characters (Discord's message limit) is ignored.
 */
public final class FeatureHasher {
    /** Discord's message length limit; longer texts (e-mails in training) are cut here. */
    public static final int MAX_CHARS = 2000;
    private static final Pattern URL = Pattern.compile(
            "(?i)\\b(?:https?://|www\\.)([a-z0-9.-]+)|\\b([a-z0-9-]+\\.(?:com|net|org|io|gg|xyz|ru|cn|ly|me|co|info|biz|link|click|top))\\b");
    private static final int SEED_WORD = 0x77;
    private static final int SEED_BIGRAM = 0x62;
    private static final int SEED_CHAR = 0x63;
    private static final int SEED_SHAPE = 0x73;

    private final int dimension;
    private final int minGram;
    private final int maxGram;

    public FeatureHasher(int dimension, int minGram, int maxGram) {
        if (dimension < 16 || Integer.bitCount(dimension) != 1) {
            throw new IllegalArgumentException("dimension must be a power of two >= 16, was " + dimension);
        }
        if (minGram < 1 || maxGram < minGram) {
            throw new IllegalArgumentException("bad n-gram range " + minGram + ".." + maxGram);
        }
        this.dimension = dimension;
        this.minGram = minGram;
        this.maxGram = maxGram;
    }

    public int dimension() {
        return dimension;
    }

    public int minGram() {
        return minGram;
    }

    public int maxGram() {
        return maxGram;
    }

    public HashedFeatures extract(String text) {
        String cut = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        HashedFeatures out = new HashedFeatures(cut.length() * 4);
        List<NormalizedText> variants = TextNormalizer.variants(cut);
        NormalizedText primary = variants.get(variants.size() > 1 ? 1 : 0);
        List<char[]> words = words(primary);
        int previous = 0;
        for (char[] w : words) {
            int h = hash(SEED_WORD, w);
            out.add(bucket(h), 1f);
            if (previous != 0) {
                out.add(bucket(mix(mix(SEED_BIGRAM, previous), h)), 1f);
            }
            previous = h;
            charGrams(w, out);
        }
        if (variants.size() > 1) {
            Set<String> seen = new HashSet<>();
            for (char[] w : words) {
                seen.add(new String(w));
            }
            for (char[] w : words(variants.get(0))) {
                if (seen.add(new String(w))) {
                    out.add(bucket(hash(SEED_WORD, w)), 1f);
                    charGrams(w, out);
                }
            }
        }
        shape(cut, out);
        if (out.size() > 0) {
            out.scale((float) (1.0 / Math.sqrt(out.size())));
        }
        return out;
    }

    private void charGrams(char[] w, HashedFeatures out) {
        int n = w.length + 2;
        char[] marked = new char[n];
        marked[0] = '<';
        System.arraycopy(w, 0, marked, 1, w.length);
        marked[n - 1] = '>';
        for (int start = 0; start + minGram <= n; start++) {
            int h = SEED_CHAR;
            for (int k = start; k < n && k - start < maxGram; k++) {
                h = mix(h, marked[k]);
                if (k - start + 1 >= minGram) {
                    out.add(bucket(h), 1f);
                }
            }
        }
    }

    private void shape(String text, HashedFeatures out) {
        Matcher m = URL.matcher(text);
        int links = 0;
        while (m.find() && links < 5) {
            links++;
            String host = (m.group(1) != null ? m.group(1) : m.group(2)).toLowerCase(Locale.ROOT);
            int dot = host.lastIndexOf('.');
            shapeFeature(out, "link");
            shapeFeature(out, "tld:" + (dot >= 0 ? host.substring(dot + 1) : host));
        }
        if (text.contains("<@")) {
            shapeFeature(out, "mention");
        }
        if (text.contains("@everyone") || text.contains("@here")) {
            shapeFeature(out, "everyone");
        }
        int letters = 0;
        int upper = 0;
        int bangs = 0;
        boolean currency = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                if (Character.isUpperCase(c)) {
                    upper++;
                }
            } else if (c == '!') {
                bangs++;
            } else if (c == '$' || c == '€' || c == '£') {
                currency = true;
            }
        }
        if (letters >= 8) {
            shapeFeature(out, "caps:" + (upper * 4 / letters));
        }
        if (bangs > 0) {
            shapeFeature(out, "bang:" + Math.min(bangs, 3));
        }
        if (currency) {
            shapeFeature(out, "currency");
        }
        shapeFeature(out, "len:" + (32 - Integer.numberOfLeadingZeros(text.length() / 16)));
    }

    private void shapeFeature(HashedFeatures out, String name) {
        out.add(bucket(hash(SEED_SHAPE, name.toCharArray())), 1f);
    }

    /** The words (maximal runs of letters and digits) of a normalised text; stretched letters read once. */
    static List<char[]> words(NormalizedText t) {
        List<char[]> words = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i <= t.length(); i++) {
            if (i < t.length() && t.isWordChar(i)) {
                int run = t.run(i);
                int times = run >= TextNormalizer.STRETCH ? 1 : run;
                for (int k = 0; k < times; k++) {
                    sb.append(t.charAt(i));
                }
            } else if (sb.length() > 0) {
                char[] w = new char[sb.length()];
                sb.getChars(0, w.length, w, 0);
                words.add(w);
                sb.setLength(0);
            }
        }
        return words;
    }

    private int bucket(int hash) {
        return 1 + (fmix(hash) & 0x7fffffff) % (dimension - 1);
    }

    private static int hash(int seed, char[] chars) {
        int h = seed;
        for (char c : chars) {
            h = mix(h, c);
        }
        return h;
    }

    private static int mix(int h, int value) {
        return (h ^ value) * 0x01000193 + 0x2545F491;
    }

    private static int fmix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
