package dev.guildhall.bench;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.guildhall.testkit.FreePorts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code idle-sessions --gateway-nodes=N}: a core-server primary (REST, outbox) and N gateway-node JVMs
 * ({@code node.role=gateway}) on one database; the sessions are spread over the nodes by several load-generator
 * JVMs ({@link IdleSessionsChild}, at most {@code sessions-per-process} sockets each), so that no process needs more
 * descriptors than the open-files limit allows. Reports heap (live after a full GC) and RSS of every process,
 * sessions per node, heartbeats acked and failures.
 */
final class IdleSessionsOnNodes {
    /** Descriptors each node keeps besides its sessions (PG pool, link, logs, /metrics calls). */
    private static final int FD_MARGIN = 500;

    record Plan(int sessions, int guildSize, int openRate, int holdS, String xmx, int sources, int maxPending,
                int nodes, String nodeXmx, int perProcess, String loadXmx) {
    }

    /** One load-generator JVM and its latest report line. */
    private static final class Load {
        final int index;
        final Process process;
        volatile Map<String, String> status = Map.of();
        volatile Map<String, String> finalStatus;
        volatile boolean opened;

        Load(int index, Process process) {
            this.index = index;
            this.process = process;
        }

        long get(String key) {
            Map<String, String> s = finalStatus != null ? finalStatus : status;
            return Long.parseLong(s.getOrDefault(key, "0"));
        }
    }

    private IdleSessionsOnNodes() {
    }

    static Report run(Plan plan) throws Exception {
        long fdLimit = ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getMaxFileDescriptorCount();
        int perNode = (plan.sessions() + plan.nodes() - 1) / plan.nodes();
        if (perNode > fdLimit - FD_MARGIN || plan.perProcess() > fdLimit - FD_MARGIN) {
            throw new IllegalArgumentException("open-files limit " + fdLimit + ": " + perNode + " sessions per node and "
                    + plan.perProcess() + " per load generator need at most " + (fdLimit - FD_MARGIN)
                    + " each; use more --gateway-nodes or a smaller --sessions-per-process");
        }
        Report report = new Report("gateway-idle-sessions-nodes");
        String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        int linkPort = FreePorts.next();
        List<BenchServer> nodes = new ArrayList<>();
        List<Load> loads = new ArrayList<>();
        Path tokensDir = Files.createTempDirectory("idle-sessions-tokens");
        try (BenchServer primary = BenchServer.start("idle_nodes", plan.xmx(), Map.of("gateway.link.enabled", "true",
                "gateway.link.port", String.valueOf(linkPort), "gateway.link.secret", secret), null)) {
            for (int i = 1; i <= plan.nodes(); i++) {
                nodes.add(primary.gatewayNode(i, plan.nodeXmx()));
            }
            Rest rest = new Rest(primary.baseUrl());
            List<Rest.Account> users = Provisioning.users(rest, "idle", plan.sessions());
            List<Provisioning.Community> guilds = Provisioning.communities(rest, users, plan.guildSize());
            List<BenchServer> servers = new ArrayList<>();
            servers.add(primary);
            servers.addAll(nodes);
            Map<BenchServer, long[]> memory = new HashMap<>(); // baseline heap, RSS; held heap, RSS; live heap, RSS
            for (BenchServer s : servers) {
                s.fullGc();
                memory.put(s, new long[]{s.heapUsedBytes(), s.rssBytes(), 0, 0, 0, 0});
            }
            int loadCount = (plan.sessions() + plan.perProcess() - 1) / plan.perProcess();
            report.config(plan.sessions() + " gateway sessions (distinct users, intents GUILDS|GUILD_MESSAGES|"
                    + "MESSAGE_CONTENT, plain JSON) in " + guilds.size() + " guilds of " + plan.guildSize()
                    + " members, spread round-robin over " + plan.nodes() + " gateway nodes (-Xmx" + plan.nodeXmx()
                    + " each) linked to one core-server primary (-Xmx" + plan.xmx() + "; REST, outbox, no sessions)");
            report.config(loadCount + " load-generator JVMs (-Xmx" + plan.loadXmx() + ", at most " + plan.perProcess()
                    + " sessions each), together up to " + plan.openRate() + " IDENTIFY/s with at most "
                    + plan.maxPending() + " sessions between connect and READY per JVM, from " + plan.sources()
                    + " loopback source addresses; held " + plan.holdS() + " s heartbeating at the server's interval;"
                    + " open-files limit per process " + fdLimit);
            Map<String, String> shown = new LinkedHashMap<>(primary.settings());
            shown.put("gateway.link.secret", "(random per run)");
            report.config("core-server settings " + Report.settings(shown));
            String urls = String.join(",", nodes.stream().map(BenchServer::gatewayUrl).toList());
            long t0 = System.nanoTime();
            for (int c = 0; c < loadCount; c++) {
                List<String> share = new ArrayList<>();
                for (int i = c * plan.perProcess(); i < Math.min(users.size(), (c + 1) * plan.perProcess()); i++) {
                    share.add(users.get(i).token());
                }
                Path file = tokensDir.resolve("load-" + c + ".tokens");
                Files.write(file, share, StandardCharsets.UTF_8);
                loads.add(startLoad(c, file, urls, Math.max(1, plan.openRate() / loadCount), plan));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1000);
            while (loads.stream().anyMatch(l -> !l.opened && l.process.isAlive()) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            double openSeconds = (System.nanoTime() - t0) / 1e9;
            long ready = loads.stream().mapToLong(l -> l.get("ready")).sum();
            long failed = plan.sessions() - ready;
            Log.line(ready + " sessions READY in " + String.format(Locale.ROOT, "%.1f s", openSeconds) + ", " + failed
                    + " not READY");
            long acksAtStart = loads.stream().mapToLong(l -> l.get("acked")).sum();
            long holdEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(plan.holdS());
            while (System.nanoTime() < holdEnd) {
                Thread.sleep(Math.min(10_000, Math.max(1, TimeUnit.NANOSECONDS.toMillis(holdEnd - System.nanoTime()))));
                StringBuilder perNodeNow = new StringBuilder();
                for (BenchServer n : nodes) {
                    perNodeNow.append(perNodeNow.length() == 0 ? "" : " + ")
                            .append((long) n.metric("guildhall_gateway_sessions"));
                }
                Log.line("holding: node sessions " + perNodeNow + ", heartbeats sent "
                        + loads.stream().mapToLong(l -> l.get("sent")).sum() + " / acked "
                        + loads.stream().mapToLong(l -> l.get("acked")).sum() + ", closed "
                        + loads.stream().mapToLong(l -> l.get("closed")).sum());
            }
            for (BenchServer s : servers) {
                long[] m = memory.get(s);
                m[2] = s.heapUsedBytes();
                m[3] = s.rssBytes();
                s.fullGc();
                m[4] = s.heapUsedBytes();
                m[5] = s.rssBytes();
            }
            List<Long> perNodeSessions = new ArrayList<>();
            for (BenchServer n : nodes) {
                perNodeSessions.add((long) n.metric("guildhall_gateway_sessions"));
            }
            stopLoads(loads);
            long closed = loads.stream().mapToLong(l -> l.get("closed")).sum();
            long open = ready - closed;
            long acked = loads.stream().mapToLong(l -> l.get("acked")).sum();
            long problems = loads.stream().mapToLong(l -> l.get("problems")).sum();
            long onNodes = perNodeSessions.stream().mapToLong(Long::longValue).sum();
            report.result(String.format(Locale.ROOT, "opened %d sessions (READY received; %d failed) in %.1f s"
                    + " (%.0f/s); still open after the %d s hold: %d", ready, failed, openSeconds, ready / openSeconds,
                    plan.holdS(), open));
            report.result("sessions per gateway node (guildhall_gateway_sessions): " + perNodeSessions + ", total "
                    + onNodes + "; primary " + (long) primary.metric("guildhall_gateway_sessions"));
            report.result("heartbeats during the hold: " + (acked - acksAtStart) + " acked ("
                    + loads.stream().mapToLong(l -> l.get("sent")).sum() + " sent, " + acked + " acked since the start)");
            for (int i = 0; i < servers.size(); i++) {
                long[] m = memory.get(servers.get(i));
                int sessionsThere = i == 0 ? 0 : perNodeSessions.get(i - 1).intValue();
                report.result((i == 0 ? "primary" : "gateway node " + i) + ": heap baseline " + Report.mib(m[0])
                        + ", holding " + Report.mib(m[2]) + ", live after a full GC " + Report.mib(m[4])
                        + (sessionsThere > 0 ? String.format(Locale.ROOT, " (%.1f KiB per session)",
                        (m[4] - m[0]) / 1024.0 / sessionsThere) : "") + "; RSS baseline " + Report.mib(m[1])
                        + ", holding " + Report.mib(m[3]) + ", after the GC " + Report.mib(m[5]));
            }
            for (Load l : loads) {
                report.result("load generator " + l.index + ": " + l.get("ready") + " sessions, heap after a GC "
                        + Report.mib(l.get("heap")) + ", RSS " + Report.mib(l.get("rss")));
            }
            String firstProblem = loads.stream().map(l -> (finalOrStatus(l)).getOrDefault("first_problem", ""))
                    .filter(p -> !p.isEmpty()).findFirst().orElse("");
            report.result("problems: " + (problems == 0 ? "none" : problems + ", first: " + firstProblem)
                    + "; primary log " + primary.logFile());
            report.target(plan.sessions() + " idle heartbeating sessions held on " + plan.nodes() + " gateway nodes ("
                    + open + " open at the end, " + onNodes + " counted by the nodes)",
                    ready == plan.sessions() && open == plan.sessions() && onNodes >= plan.sessions());
        } finally {
            loads.forEach(l -> l.process.destroyForcibly());
            nodes.forEach(BenchServer::close);
            try (var files = Files.list(tokensDir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(tokensDir);
        }
        return report;
    }

    private static Map<String, String> finalOrStatus(Load l) {
        return l.finalStatus != null ? l.finalStatus : l.status;
    }

    private static Load startLoad(int index, Path tokens, String urls, int openRate, Plan plan) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx" + plan.loadXmx(), "-Duser.timezone=UTC", "-Dfile.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"), IdleSessionsChild.class.getName(), tokens.toString(),
                urls, String.valueOf(openRate), String.valueOf(plan.maxPending()), String.valueOf(plan.sources()))
                .redirectErrorStream(true).start();
        Load load = new Load(index, p);
        Log.line("started load generator " + index + " (pid " + p.pid() + ")");
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith(IdleSessionsChild.OPENED + " ")) {
                        load.status = parse(line);
                        load.opened = true;
                    } else if (line.startsWith(IdleSessionsChild.STATUS + " ")) {
                        load.status = parse(line);
                    } else if (line.startsWith(IdleSessionsChild.FINAL + " ")) {
                        load.finalStatus = parse(line);
                    } else {
                        Log.line("[load " + index + "] " + line.replaceFirst("^\\[bench [0-9:]+\\] ", ""));
                    }
                }
            } catch (IOException e) {
                Log.line("[load " + index + "] output lost: " + e);
            }
        }, "load-" + index);
        reader.setDaemon(true);
        reader.start();
        return load;
    }

    /** {@code KEY a=1 b=2 first_problem=text with spaces} → map (first_problem takes the rest of the line). */
    static Map<String, String> parse(String line) {
        Map<String, String> out = new HashMap<>();
        String rest = line.substring(line.indexOf(' ') + 1);
        int fp = rest.indexOf("first_problem=");
        if (fp >= 0) {
            out.put("first_problem", rest.substring(fp + "first_problem=".length()).trim());
            rest = rest.substring(0, fp);
        }
        for (String kv : rest.trim().split(" ")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                out.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return out;
    }

    /** Asks every load generator for its final report (after its own GC) and waits for it to exit. */
    private static void stopLoads(List<Load> loads) throws InterruptedException {
        for (Load l : loads) {
            try {
                OutputStream in = l.process.getOutputStream();
                in.write("stop\n".getBytes(StandardCharsets.UTF_8));
                in.flush();
            } catch (IOException e) {
                Log.line("[load " + l.index + "] cannot stop: " + e);
            }
        }
        for (Load l : loads) {
            if (!l.process.waitFor(60, TimeUnit.SECONDS)) {
                l.process.destroyForcibly();
            }
        }
    }
}
