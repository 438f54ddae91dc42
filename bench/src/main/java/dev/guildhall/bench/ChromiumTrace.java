package dev.guildhall.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a page load's time went on the renderer's main thread, from a Chromium trace (the JSON that DevTools'
 * Performance panel records, categories {@link #CATEGORIES}): the main thread's busy time and its self time per trace
 * event (script evaluation and compilation, function calls, style recalculation, layout, paint, parsing, ...), so
 * the part of a load that is not HTTP can be split into script, style/layout and paint. Times are the thread's CPU
 * time ({@code tdur}) where the trace has it, so a loaded machine's waiting for a core does not count.
 */
final class ChromiumTrace {

    /** Categories DevTools' Performance panel records, less screenshots and the noisiest v8 internals. */
    static final List<String> CATEGORIES = List.of("devtools.timeline", "disabled-by-default-devtools.timeline",
            "v8.execute", "blink.user_timing", "loading", "toplevel");

    /**
     * Self CPU time (ms) per event name on one thread; that thread's busy time (top-level tasks, wall clock ms) and
     * CPU time in them (ms).
     */
    record Summary(double busyMs, double cpuMs, double windowMs, Map<String, Double> selfMs) {

        String describe(int top) {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                    "main thread busy %.0f ms (CPU %.0f ms) of %.0f ms traced; self CPU time:", busyMs, cpuMs,
                    windowMs));
            selfMs.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()
                    .thenComparing(Map.Entry.comparingByKey())).limit(top)
                    .forEach(e -> b.append(String.format(Locale.ROOT, " %s %.0f ms;", e.getKey(), e.getValue())));
            return b.toString();
        }
    }

    private ChromiumTrace() {
    }

    /**
     * Summarises the renderer main thread ({@code CrRendererMain}) with the most busy time in {@code traceJson}:
     * complete events ({@code ph: X}) nest by time; an event's self time is its duration less its children's.
     */
    static Summary summarise(byte[] traceJson) throws IOException {
        JsonNode root = new ObjectMapper().readTree(traceJson);
        JsonNode events = root.isArray() ? root : root.path("traceEvents");
        List<String> mains = new ArrayList<>();
        for (JsonNode e : events) {
            if ("M".equals(e.path("ph").asText()) && "thread_name".equals(e.path("name").asText())
                    && "CrRendererMain".equals(e.path("args").path("name").asText())) {
                mains.add(e.path("pid").asText() + "/" + e.path("tid").asText());
            }
        }
        Map<String, List<JsonNode>> byThread = new HashMap<>();
        for (JsonNode e : events) {
            String thread = e.path("pid").asText() + "/" + e.path("tid").asText();
            if ("X".equals(e.path("ph").asText()) && e.has("dur") && mains.contains(thread)) {
                byThread.computeIfAbsent(thread, t -> new ArrayList<>()).add(e);
            }
        }
        Summary best = new Summary(0, 0, 0, Map.of());
        for (List<JsonNode> thread : byThread.values()) {
            Summary s = summariseThread(thread);
            if (s.busyMs() > best.busyMs()) {
                best = s;
            }
        }
        return best;
    }

    private static Summary summariseThread(List<JsonNode> events) {
        events.sort(Comparator.<JsonNode>comparingLong(e -> e.path("ts").asLong())
                .thenComparing(Comparator.<JsonNode>comparingLong(e -> e.path("dur").asLong()).reversed()));
        Map<String, Double> self = new HashMap<>();
        Deque<long[]> open = new ArrayDeque<>(); // {end, index}
        List<String> names = new ArrayList<>();
        List<Long> childTime = new ArrayList<>();
        List<Long> durations = new ArrayList<>();
        double busy = 0;
        double cpu = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (JsonNode e : events) {
            long ts = e.path("ts").asLong();
            long dur = e.path("dur").asLong();
            long cpuDur = e.path("tdur").asLong(dur);
            first = Math.min(first, ts);
            last = Math.max(last, ts + dur);
            while (!open.isEmpty() && open.peek()[0] <= ts) {
                close(open.pop(), names, childTime, durations, self);
            }
            int index = names.size();
            names.add(e.path("name").asText());
            childTime.add(0L);
            durations.add(cpuDur);
            if (open.isEmpty()) {
                busy += dur;
                cpu += cpuDur;
            } else {
                int parent = (int) open.peek()[1];
                childTime.set(parent, childTime.get(parent) + cpuDur);
            }
            open.push(new long[] {ts + dur, index});
        }
        while (!open.isEmpty()) {
            close(open.pop(), names, childTime, durations, self);
        }
        return new Summary(busy / 1000, cpu / 1000, first == Long.MAX_VALUE ? 0 : (last - first) / 1000.0, self);
    }

    private static void close(long[] entry, List<String> names, List<Long> childTime, List<Long> durations,
                              Map<String, Double> self) {
        int i = (int) entry[1];
        long own = Math.max(0, durations.get(i) - childTime.get(i));
        self.merge(names.get(i), own / 1000.0, Double::sum);
    }
}
