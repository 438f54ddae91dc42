package dev.guildhall.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One load-generator process of {@code idle-sessions --gateway-nodes}: opens the sessions of the tokens in a file,
 * spread round-robin over the given gateway URLs, holds them heartbeating and reports on stdout ({@code OPENED},
 * then a {@code STATUS} line every 5 s, then {@code FINAL} after a full GC once stdin says {@code stop} or closes).
 * Several of these keep every process under the open-files limit.
 * <p>Usage: {@code IdleSessionsChild TOKENS_FILE URL[,URL...] OPEN_RATE MAX_PENDING SOURCE_ADDRESSES}
 */
final class IdleSessionsChild {
    static final String OPENED = "OPENED";
    static final String STATUS = "STATUS";
    static final String FINAL = "FINAL";

    private IdleSessionsChild() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: IdleSessionsChild TOKENS_FILE URL[,URL...] OPEN_RATE MAX_PENDING SOURCES");
            System.exit(2);
        }
        List<String> tokens = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        String[] urls = args[1].split(",");
        int openRate = Integer.parseInt(args[2]);
        int maxPending = Integer.parseInt(args[3]);
        int sources = Integer.parseInt(args[4]);
        List<GatewayFleet> fleets = new ArrayList<>();
        for (String url : urls) {
            fleets.add(new GatewayFleet(url, 2, sources, (c, n, at) -> { }));
        }
        CountDownLatch stop = new CountDownLatch(1);
        Thread stdin = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null && !line.trim().equals("stop")) {
                    // wait for stop (or the parent's end)
                }
            } catch (Exception ignored) {
                // parent gone: stop
            }
            stop.countDown();
        }, "stdin");
        stdin.setDaemon(true);
        stdin.start();
        long failed = 0;
        for (int k = 0; k < fleets.size(); k++) {
            List<Rest.Account> share = new ArrayList<>();
            for (int i = k; i < tokens.size(); i += fleets.size()) {
                share.add(new Rest.Account(0, tokens.get(i), ""));
            }
            // one node after the other, each at the full rate
            failed += IdleSessionsBench.openAll(fleets.get(k), share, openRate, maxPending, 900);
        }
        System.out.println(OPENED + " " + status(fleets, tokens.size() - failed, failed));
        System.out.flush();
        while (!stop.await(5, TimeUnit.SECONDS)) {
            System.out.println(STATUS + " " + status(fleets, tokens.size() - failed, failed));
            System.out.flush();
        }
        System.gc();
        System.out.println(FINAL + " " + status(fleets, tokens.size() - failed, failed));
        System.out.flush();
        for (GatewayFleet f : fleets) {
            f.close();
        }
        System.exit(0);
    }

    private static String status(List<GatewayFleet> fleets, long ready, long failed) {
        long closed = 0;
        long sent = 0;
        long acked = 0;
        long problems = 0;
        String firstProblem = "";
        for (GatewayFleet f : fleets) {
            closed += f.closedCount();
            sent += f.heartbeatsSent();
            acked += f.heartbeatAcks();
            problems += f.problemCount();
            if (firstProblem.isEmpty() && !f.problems().isEmpty()) {
                firstProblem = f.problems().get(0).replace('\n', ' ');
            }
        }
        Runtime rt = Runtime.getRuntime();
        return String.format(Locale.ROOT, "ready=%d failed=%d closed=%d sent=%d acked=%d problems=%d heap=%d rss=%d"
                        + " first_problem=%s", ready, failed, closed, sent, acked, problems,
                rt.totalMemory() - rt.freeMemory(), ProcessMemory.rss(ProcessHandle.current().pid()), firstProblem);
    }
}
