package dev.guildhall.bench;

import com.sun.management.UnixOperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * (c) Many idle gateway sessions (distinct users, in guilds of {@code guild-size} members) opened at a controlled
 * IDENTIFY rate and held while they heartbeat at the server's interval; reports server heap (from /metrics, before
 * and after a full GC) and RSS, against a baseline taken before the first session.
 */
final class IdleSessionsBench {
    /** Descriptors kept free in both processes (log files rolling, PG/Kafka reconnects, /metrics calls). */
    private static final int FD_MARGIN = 100;

    private IdleSessionsBench() {
    }

    static Report run(Options o, Path resultsDir) throws Exception {
        int sessions = o.integer("sessions", 20_000);
        int guildSize = o.integer("guild-size", 200);
        int openRate = o.integer("open-rate", 500);
        int holdS = o.integer("hold", 90);
        String xmx = o.string("server-xmx", "1g");
        int sources = o.integer("source-addresses", 4);
        int maxPending = o.integer("max-pending", 200);
        boolean jfr = o.flag("jfr");
        int gatewayNodes = o.integer("gateway-nodes", 0);
        int perProcess = o.integer("sessions-per-process", 10_000);
        String nodeXmx = o.string("node-xmx", "1g");
        String loadXmx = o.string("load-xmx", "1g");
        o.rejectUnknown();
        if (gatewayNodes > 0) {
            if (jfr) {
                throw new IllegalArgumentException("--jfr records the single server; not with --gateway-nodes");
            }
            return IdleSessionsOnNodes.run(new IdleSessionsOnNodes.Plan(sessions, guildSize, openRate, holdS, xmx,
                    sources, maxPending, gatewayNodes, nodeXmx, perProcess, loadXmx));
        }

        long fdLimit = ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getMaxFileDescriptorCount();
        Report report = new Report("gateway-idle-sessions");
        Path jfrFile = jfr ? resultsDir.resolve("gateway-idle-sessions-server.jfr").toAbsolutePath() : null;
        try (BenchServer server = BenchServer.start("idle", xmx, Map.of(), jfrFile)) {
            Rest rest = new Rest(server.baseUrl());
            // every session is one socket in the server and one here; both processes have the limit bench/run set
            long serverFds = server.openFiles();
            long ownFds = BenchServer.countFds(Path.of("/proc/self/fd"));
            long possible = fdLimit - Math.max(serverFds, ownFds) - FD_MARGIN;
            int requested = sessions;
            if (possible < sessions) {
                sessions = (int) possible;
                Log.line("open-files limit " + fdLimit + " (server uses " + serverFds + ", load generator " + ownFds
                        + "): holding " + sessions + " sessions instead of " + requested);
            }
            List<Rest.Account> users = Provisioning.users(rest, "idle", sessions);
            List<Provisioning.Community> guilds = Provisioning.communities(rest, users, guildSize);
            server.fullGc();
            long heapBase = server.heapUsedBytes();
            long rssBase = server.rssBytes();
            Log.line("baseline before sessions (after a full GC): heap " + Report.mib(heapBase) + ", RSS "
                    + Report.mib(rssBase));
            report.config(sessions + " gateway sessions (distinct users, intents GUILDS|GUILD_MESSAGES|MESSAGE_CONTENT,"
                    + " plain JSON) in " + guilds.size() + " guilds of " + guildSize + " members (each READY is"
                    + " followed by a GUILD_CREATE with its " + guildSize + " members)");
            if (sessions < requested) {
                report.config("requested " + requested + " sessions, held " + sessions + ": the open-files limit is "
                        + fdLimit + " per process (hard limit; it could not be raised here) and the server already had "
                        + serverFds + " descriptors open before the first session (load generator: " + ownFds + "),"
                        + " margin " + FD_MARGIN);
            }
            report.config("opened at up to " + openRate + " IDENTIFY/s with at most " + maxPending + " sessions"
                    + " between connect and READY from " + sources + " loopback source addresses"
                    + " (127.0.0.1.." + sources + "); held " + holdS + " s heartbeating at the server's interval"
                    + " (first beat jittered); file descriptor limit of the load generator and server: " + fdLimit);
            report.config("core-server: -Xmx" + xmx + ", settings " + Report.settings(server.settings())
                    + (jfr ? ", JFR profile recording" : ""));
            try (GatewayFleet fleet = new GatewayFleet(server.gatewayUrl(), 2, sources, (c, n, at) -> { })) {
                long t0 = System.nanoTime();
                report.cpuStart(server);
                long failedToOpen = openAll(fleet, users, openRate, maxPending, 900);
                double openSeconds = (System.nanoTime() - t0) / 1e9;
                long holdEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(holdS);
                report.cpuResult(server, "opening");
                report.cpuStart(server);
                long acksAtStart = fleet.heartbeatAcks();
                while (System.nanoTime() < holdEnd) {
                    Thread.sleep(Math.min(10_000, Math.max(1, TimeUnit.NANOSECONDS.toMillis(holdEnd - System.nanoTime()))));
                    Log.line(String.format(Locale.ROOT, "holding: %d sessions open, server gauge %.0f, heartbeats"
                                    + " sent %d / acked %d, closed %d, heap %s, RSS %s",
                            sessions - fleet.closedCount(), server.metric("guildhall_gateway_sessions"),
                            fleet.heartbeatsSent(), fleet.heartbeatAcks(), fleet.closedCount(),
                            Report.mib(server.heapUsedBytes()), Report.mib(server.rssBytes())));
                }
                report.cpuResult(server, "hold");
                long heapHeld = server.heapUsedBytes();
                long rssHeld = server.rssBytes();
                server.fullGc();
                long heapLive = server.heapUsedBytes();
                long rssAfterGc = server.rssBytes();
                long open = sessions - fleet.closedCount();
                double gauge = server.metric("guildhall_gateway_sessions");
                report.result(String.format(Locale.ROOT, "opened %d sessions (READY received; %d failed) in %.1f s"
                        + " (%.0f/s); still open after the %d s hold: %d (server gauge guildhall_gateway_sessions %.0f)",
                        sessions - failedToOpen, failedToOpen, openSeconds, (sessions - failedToOpen) / openSeconds,
                        holdS, open, gauge));
                report.result("heartbeats during the hold: " + (fleet.heartbeatAcks() - acksAtStart) + " acked ("
                        + fleet.heartbeatsSent() + " sent, " + fleet.heartbeatAcks() + " acked since the start)");
                report.result("server heap used (jvm_memory_used_bytes, area=heap): baseline " + Report.mib(heapBase)
                        + ", holding " + Report.mib(heapHeld) + ", after a full GC (jcmd GC.run) " + Report.mib(heapLive)
                        + String.format(Locale.ROOT, " → %.1f KiB live heap per session", (heapLive - heapBase) / 1024.0
                        / sessions));
                report.result("server RSS (VmRSS): baseline " + Report.mib(rssBase) + ", holding " + Report.mib(rssHeld)
                        + ", after the GC " + Report.mib(rssAfterGc) + String.format(Locale.ROOT,
                        " → %.1f KiB per session", (rssHeld - rssBase) / 1024.0 / sessions));
                report.result("problems: " + (fleet.problemCount() == 0 ? "none" : fleet.problemCount() + ", first: "
                        + fleet.problems()) + "; server log " + server.logFile());
                report.target(requested + " idle heartbeating sessions held (" + open + " open at the end"
                        + (sessions < requested ? ", open-files limit" : "") + ")",
                        sessions == requested && open == sessions && gauge >= sessions);
            }
        }
        if (jfrFile != null) {
            report.result("JFR recording of the server: " + jfrFile);
        }
        return report;
    }

    /**
     * Opens one session per user, at most {@code perSecond} IDENTIFYs a second and at most {@code maxPending}
     * sessions between connect and READY at any time (so the rate adapts to what the server sustains), then waits
     * up to {@code timeoutS} for the last READY. Returns the number of sessions that failed before READY.
     */
    static long openAll(GatewayFleet fleet, List<Rest.Account> users, int perSecond, int maxPending, int timeoutS)
            throws InterruptedException {
        long t0 = System.nanoTime();
        double period = 1e9 / perSecond;
        long nextReport = t0 + TimeUnit.SECONDS.toNanos(5);
        long deadline = t0 + TimeUnit.SECONDS.toNanos(timeoutS);
        long due = t0;
        for (int i = 0; i < users.size(); i++) {
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            while (fleet.pending() >= maxPending && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            fleet.open(users.get(i).token());
            due = Math.max(due + (long) period, System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(100));
            if (System.nanoTime() > nextReport) {
                Log.line("opening sessions: " + (i + 1) + "/" + users.size() + " connecting, " + fleet.readyCount()
                        + " READY, " + fleet.failedCount() + " failed");
                nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            }
        }
        while (fleet.readyCount() + fleet.failedCount() < users.size() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            if (System.nanoTime() > nextReport) {
                Log.line("waiting for READY: " + fleet.readyCount() + "/" + users.size() + ", " + fleet.failedCount()
                        + " failed");
                nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            }
        }
        long failed = users.size() - fleet.readyCount();
        Log.line(fleet.readyCount() + " sessions READY in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)
                + " ms" + (failed == 0 ? "" : ", " + failed + " not READY; first problems: " + fleet.problems()));
        return failed;
    }

}
