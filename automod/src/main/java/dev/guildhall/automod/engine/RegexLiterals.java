package dev.guildhall.automod.engine;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Finds literal strings that every match of a (Rust/RE2 syntax) regex must contain: at least one of the returned
 * strings occurs, case-folded, in any text the regex matches. {@link CompiledRules} looks for all of them in one
 * Aho-Corasick pass and runs RE2/J only for the regexes whose literals occur. When the pattern has no such
 * literal, or uses syntax this reader does not follow, the answer is empty and the regex always runs: the
 * prefilter may only ever skip regexes that cannot match.
 */
final class RegexLiterals {
    private static final int MAX_SET = 32;
    private static final int MAX_LENGTH = 32;

    /** What is known about the strings a sub-pattern matches: all of them ({@code exact}) or a required set. */
    private record Info(Set<String> exact, Set<String> required) {
        static final Info UNKNOWN = new Info(null, null);
        static final Info EMPTY = new Info(Set.of(""), null);

        Set<String> best() {
            return exact != null ? exact : required;
        }
    }

    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private final String p;
    private int i;

    private RegexLiterals(String pattern) {
        this.p = pattern;
    }

    /** Case-folded literals of which every match contains one; empty when none is known. */
    static Set<String> required(String pattern) {
        try {
            RegexLiterals reader = new RegexLiterals(pattern);
            Info info = reader.alternation();
            if (reader.i != pattern.length()) {
                return Set.of();
            }
            Set<String> best = info.best();
            if (best == null || best.isEmpty() || best.contains("")) {
                return Set.of();
            }
            Set<String> folded = new LinkedHashSet<>();
            for (String s : best) {
                folded.add(fold(s));
            }
            return folded;
        } catch (Unsupported | IndexOutOfBoundsException e) {
            return Set.of();
        }
    }

    /** Simple case folding per char (upper then lower case), applied to literals and to the searched content alike. */
    static String fold(String s) {
        char[] out = new char[s.length()];
        for (int k = 0; k < s.length(); k++) {
            out[k] = foldChar(s.charAt(k));
        }
        return new String(out);
    }

    static char foldChar(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    private Info alternation() {
        Info first = concatenation();
        if (i >= p.length() || p.charAt(i) != '|') {
            return first;
        }
        Set<String> exact = first.exact == null ? null : new LinkedHashSet<>(first.exact);
        Set<String> required = first.best() == null ? null : new LinkedHashSet<>(first.best());
        while (i < p.length() && p.charAt(i) == '|') {
            i++;
            Info next = concatenation();
            if (exact != null && next.exact != null && exact.size() + next.exact.size() <= MAX_SET) {
                exact.addAll(next.exact);
            } else {
                exact = null;
            }
            if (required != null && next.best() != null) {
                required.addAll(next.best());
            } else {
                required = null;
            }
        }
        return exact != null ? new Info(exact, null) : new Info(null, required);
    }

    /**
     * A sequence: adjacent exactly-known atoms join into longer strings ({@code run}); an atom that is not exactly
     * known ends the run, and the most selective of all runs and atoms' required sets is kept.
     */
    private Info concatenation() {
        Set<String> run = Set.of("");
        Set<String> required = null;
        boolean exact = true;
        while (i < p.length() && p.charAt(i) != '|' && p.charAt(i) != ')') {
            Info atom = quantified(atom());
            if (atom.exact != null) {
                Set<String> joined = cross(run, atom.exact);
                if (joined == null) {
                    exact = false;
                    required = better(required, run);
                    run = atom.exact;
                } else {
                    run = joined;
                }
            } else {
                exact = false;
                required = better(better(required, run), atom.required);
                run = Set.of("");
            }
        }
        return exact ? new Info(run, null) : new Info(null, better(required, run));
    }

    private static Set<String> cross(Set<String> a, Set<String> b) {
        if (a.size() * b.size() > MAX_SET) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String x : a) {
            for (String y : b) {
                if (x.length() + y.length() > MAX_LENGTH) {
                    return null;
                }
                out.add(x + y);
            }
        }
        return out;
    }

    /** The more selective of two required sets: the one whose shortest string is longer. */
    private static Set<String> better(Set<String> a, Set<String> b) {
        if (a == null || a.contains("")) {
            return b;
        }
        if (b == null || b.contains("")) {
            return a;
        }
        int la = a.stream().mapToInt(String::length).min().orElse(0);
        int lb = b.stream().mapToInt(String::length).min().orElse(0);
        return lb > la || lb == la && b.size() < a.size() ? b : a;
    }

    private Info quantified(Info atom) {
        while (i < p.length()) {
            char c = p.charAt(i);
            int min;
            int max;
            if (c == '*') {
                min = 0;
                max = -1;
                i++;
            } else if (c == '+') {
                min = 1;
                max = -1;
                i++;
            } else if (c == '?') {
                min = 0;
                max = 1;
                i++;
            } else if (c == '{' && repetitionAhead()) {
                int close = p.indexOf('}', i);
                String[] parts = p.substring(i + 1, close).split(",", -1);
                min = Integer.parseInt(parts[0].strip());
                max = parts.length == 1 ? min : parts[1].isBlank() ? -1 : Integer.parseInt(parts[1].strip());
                i = close + 1;
            } else {
                return atom;
            }
            if (i < p.length() && p.charAt(i) == '?') {
                i++; // lazy
            }
            atom = repeat(atom, min, max);
        }
        return atom;
    }

    private boolean repetitionAhead() {
        int close = p.indexOf('}', i);
        return close > i && p.substring(i + 1, close).matches("\\s*\\d+\\s*(,\\s*\\d*\\s*)?");
    }

    private static Info repeat(Info atom, int min, int max) {
        if (min == 0) {
            return Info.UNKNOWN;
        }
        if (min == 1 && max == 1) {
            return atom;
        }
        return new Info(null, atom.best());
    }

    private Info atom() {
        char c = p.charAt(i);
        switch (c) {
            case '(' -> {
                return group();
            }
            case '[' -> {
                skipClass();
                return Info.UNKNOWN;
            }
            case '\\' -> {
                return escape();
            }
            case '.' -> {
                i++;
                return Info.UNKNOWN;
            }
            case '^', '$' -> {
                i++;
                return Info.EMPTY;
            }
            case '*', '+', '?' -> throw new Unsupported();
            default -> {
                int cp = p.codePointAt(i);
                i += Character.charCount(cp);
                return new Info(Set.of(new String(Character.toChars(cp))), null);
            }
        }
    }

    private Info group() {
        i++; // (
        if (p.startsWith("?", i)) {
            i++;
            if (p.startsWith("P<", i) || p.startsWith("<", i)) {
                i = p.indexOf('>', i) + 1;
            } else {
                int start = i;
                while (p.charAt(i) != ':' && p.charAt(i) != ')') {
                    i++;
                }
                String flags = p.substring(start, i);
                if (flags.contains("x") || !flags.matches("[imsUuR-]*")) {
                    throw new Unsupported();
                }
                if (p.charAt(i) == ')') {
                    i++;
                    return Info.EMPTY; // flags for the rest of the group: case is folded anyway
                }
                i++; // :
            }
        }
        Info inner = alternation();
        if (i >= p.length() || p.charAt(i) != ')') {
            throw new Unsupported();
        }
        i++;
        return inner;
    }

    private Info escape() {
        char e = p.charAt(i + 1);
        i += 2;
        switch (e) {
            case 'n' -> {
                return literal("\n");
            }
            case 't' -> {
                return literal("\t");
            }
            case 'r' -> {
                return literal("\r");
            }
            case 'b', 'B', 'A', 'z', '<', '>' -> {
                return Info.EMPTY; // assertions match no characters
            }
            case 'p', 'P' -> {
                if (i < p.length() && p.charAt(i) == '{') {
                    i = p.indexOf('}', i) + 1;
                    if (i == 0) {
                        throw new Unsupported();
                    }
                } else {
                    i++;
                }
                return Info.UNKNOWN;
            }
            case 'x', 'u', 'U' -> throw new Unsupported();
            default -> {
                if (Character.isLetterOrDigit(e)) {
                    return Info.UNKNOWN; // \d \w \s and other classes
                }
                return literal(String.valueOf(e)); // an escaped punctuation character stands for itself
            }
        }
    }

    private static Info literal(String s) {
        return new Info(Set.of(s), null);
    }

    /** Skips a bracketed class with RE2's rules: a leading ']' is literal, "[:name:]" is nested, ']' closes. */
    private void skipClass() {
        i++; // [
        if (p.charAt(i) == '^') {
            i++;
        }
        if (p.charAt(i) == ']') {
            i++;
        }
        while (true) {
            char c = p.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (p.startsWith("[:", i)) {
                int close = p.indexOf(":]", i + 2);
                if (close < 0) {
                    throw new Unsupported();
                }
                i = close + 2;
            } else if (c == ']') {
                i++;
                return;
            } else {
                i++;
            }
        }
    }
}
