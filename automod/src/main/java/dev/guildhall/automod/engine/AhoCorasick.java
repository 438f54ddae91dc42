package dev.guildhall.automod.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * An Aho-Corasick automaton over chars: all patterns are found in one left-to-right pass, in time linear in the
 * text plus the number of hits. Built once per compiled rule set; immutable and thread-safe afterwards.
 * (No Aho-Corasick library is available from this project's registries, hence this compact one.)
 */
final class AhoCorasick {
    /** Receives every occurrence: the pattern's index and the position of its last character. */
    interface Hits {
        void hit(int pattern, int end);
    }

    private static final int ROOT_DENSE = 128;

    private final int[] edgeStart;   // per node: first edge index; edges of node n are [edgeStart[n], edgeStart[n+1])
    private final char[] edgeChar;   // sorted per node
    private final int[] edgeTarget;
    private final int[] fail;
    private final int[] outputLink;  // nearest node on the fail chain (or itself) with patterns, -1 if none
    private final int[] patternStart; // per node: patterns ending here are patternIds[patternStart[n] .. patternStart[n+1])
    private final int[] patternIds;
    private final int[] rootDense;

    AhoCorasick(List<char[]> patterns) {
        List<TreeMap<Character, Integer>> children = new ArrayList<>();
        List<List<Integer>> outputs = new ArrayList<>();
        children.add(new TreeMap<>());
        outputs.add(new ArrayList<>());
        for (int p = 0; p < patterns.size(); p++) {
            int node = 0;
            for (char c : patterns.get(p)) {
                Integer next = children.get(node).get(c);
                if (next == null) {
                    next = children.size();
                    children.add(new TreeMap<>());
                    outputs.add(new ArrayList<>());
                    children.get(node).put(c, next);
                }
                node = next;
            }
            if (patterns.get(p).length > 0) {
                outputs.get(node).add(p);
            }
        }
        int n = children.size();
        edgeStart = new int[n + 1];
        int edges = 0;
        for (int i = 0; i < n; i++) {
            edgeStart[i] = edges;
            edges += children.get(i).size();
        }
        edgeStart[n] = edges;
        edgeChar = new char[edges];
        edgeTarget = new int[edges];
        patternStart = new int[n + 1];
        int outs = 0;
        for (int i = 0; i < n; i++) {
            int e = edgeStart[i];
            for (var entry : children.get(i).entrySet()) {
                edgeChar[e] = entry.getKey();
                edgeTarget[e] = entry.getValue();
                e++;
            }
            patternStart[i] = outs;
            outs += outputs.get(i).size();
        }
        patternStart[n] = outs;
        patternIds = new int[outs];
        for (int i = 0, k = 0; i < n; i++) {
            for (int id : outputs.get(i)) {
                patternIds[k++] = id;
            }
        }
        rootDense = new int[ROOT_DENSE];
        for (int e = edgeStart[0]; e < edgeStart[1]; e++) {
            if (edgeChar[e] < ROOT_DENSE) {
                rootDense[edgeChar[e]] = edgeTarget[e];
            }
        }
        fail = new int[n];
        outputLink = new int[n];
        outputLink[0] = -1;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int e = edgeStart[0]; e < edgeStart[1]; e++) {
            int child = edgeTarget[e];
            fail[child] = 0;
            outputLink[child] = patternStart[child] < patternStart[child + 1] ? child : -1;
            queue.add(child);
        }
        while (!queue.isEmpty()) {
            int node = queue.poll();
            for (int e = edgeStart[node]; e < edgeStart[node + 1]; e++) {
                int child = edgeTarget[e];
                char c = edgeChar[e];
                int f = fail[node];
                int target;
                while (true) {
                    target = step(f, c);
                    if (target >= 0 || f == 0) {
                        break;
                    }
                    f = fail[f];
                }
                fail[child] = target >= 0 ? target : 0;
                outputLink[child] = patternStart[child] < patternStart[child + 1] ? child : outputLink[fail[child]];
                queue.add(child);
            }
        }
    }

    private int step(int node, char c) {
        if (node == 0 && c < ROOT_DENSE) {
            int t = rootDense[c];
            return t == 0 ? -1 : t;
        }
        int lo = edgeStart[node];
        int hi = edgeStart[node + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char m = edgeChar[mid];
            if (m < c) {
                lo = mid + 1;
            } else if (m > c) {
                hi = mid - 1;
            } else {
                return edgeTarget[mid];
            }
        }
        return -1;
    }

    void scan(CharSequence text, Hits hits) {
        int state = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            while (true) {
                int next = step(state, c);
                if (next >= 0) {
                    state = next;
                    break;
                }
                if (state == 0) {
                    break;
                }
                state = fail[state];
            }
            for (int o = outputLink[state]; o > 0; o = outputLink[fail[o]]) {
                for (int k = patternStart[o]; k < patternStart[o + 1]; k++) {
                    hits.hit(patternIds[k], i);
                }
            }
        }
    }
}
