package dev.guildhall.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** {@code --key=value} command-line options with defaults; every value used is echoed in the results block. */
final class Options {
    private final Map<String, String> given;
    private final Map<String, String> used = new TreeMap<>();

    private Options(Map<String, String> given) {
        this.given = given;
    }

    static Options parse(String[] args, int from) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || !a.contains("=")) {
                throw new IllegalArgumentException("options are --key=value, got '" + a + "'");
            }
            int eq = a.indexOf('=');
            m.put(a.substring(2, eq), a.substring(eq + 1));
        }
        return new Options(m);
    }

    String string(String key, String dflt) {
        String v = given.getOrDefault(key, dflt);
        used.put(key, v);
        return v;
    }

    int integer(String key, int dflt) {
        return Integer.parseInt(string(key, String.valueOf(dflt)));
    }

    double decimal(String key, double dflt) {
        return Double.parseDouble(string(key, String.valueOf(dflt)));
    }

    boolean flag(String key) {
        return Boolean.parseBoolean(string(key, "false"));
    }

    /** Fails on options no benchmark read (typos). */
    void rejectUnknown() {
        for (String k : given.keySet()) {
            if (!used.containsKey(k)) {
                throw new IllegalArgumentException("unknown option --" + k + " (known: " + used.keySet() + ")");
            }
        }
    }

    String describe() {
        StringBuilder b = new StringBuilder();
        used.forEach((k, v) -> b.append(b.length() == 0 ? "" : " ").append("--").append(k).append('=').append(v));
        return b.toString();
    }
}
