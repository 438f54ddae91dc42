package dev.guildhall.analytics.runtime;

import dev.guildhall.analytics.config.AnalyticsConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the jobs in one local Flink MiniCluster (the local launch of the runtime contract). Each job checkpoints to
 * {@code <checkpointDir>/<job name>/<job id>/chk-<n>}; checkpoints are retained on cancellation and on a crash, and
 * a job starts from its latest retained checkpoint when there is one (else from the committed Kafka offsets, else
 * from the earliest).
 */
public final class LocalAnalyticsRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalAnalyticsRuntime.class);

    private final AnalyticsConfig config;
    private final List<AnalyticsJob> jobs;
    private final MeterRegistry registry;
    private final Map<String, JobID> jobIds = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Path> restoredFrom = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
    private volatile MiniCluster cluster;
    private java.util.concurrent.ScheduledExecutorService watcher;
    private final Map<String, JobStatus> lastStatus = new java.util.concurrent.ConcurrentHashMap<>();
    /** Jobs restored from a checkpoint that have not completed a checkpoint of their own yet. */
    private final java.util.Set<String> unconfirmedRestores = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<Meter> meters = new java.util.ArrayList<>();

    public LocalAnalyticsRuntime(AnalyticsConfig config, List<AnalyticsJob> jobs, MeterRegistry registry) {
        this.config = config;
        this.jobs = List.copyOf(jobs);
        this.registry = registry;
    }

    public synchronized void start() throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_PORT, "0");
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.ofMebiBytes(64));
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.ofMebiBytes(64));
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(64));
        conf.set(JobManagerOptions.SCHEDULER, JobManagerOptions.SchedulerType.Default);
        conf.setString("metrics.reporter.guildhall.factory.class",
                "dev.guildhall.analytics.metrics.MicrometerBridgeReporterFactory");
        int slots = jobs.size() * config.parallelism();
        cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots)
                .build());
        cluster.start();
        LOG.info("Flink MiniCluster started: {} slots, parallelism {}", slots, config.parallelism());
        for (AnalyticsJob job : jobs) {
            submit(job, config, true);
            Meter previous = registry.find("guildhall_analytics_job_running").tag("job", job.name()).meter();
            if (previous != null) {
                registry.remove(previous.getId());
            }
            meters.add(Gauge.builder("guildhall_analytics_job_running", this, r -> r.isRunning(job.name()) ? 1 : 0)
                    .description("1 when the Flink job is RUNNING")
                    .tag("job", job.name())
                    .register(registry));
        }
        watcher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "job-status-watcher");
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(this::watch, 1, 5, TimeUnit.SECONDS);
    }

    private void watch() {
        try {
            logStatusChanges();
            guardRestores();
        } catch (RuntimeException e) {
            LOG.warn("job watcher: {}", e.toString());
        }
    }

    /**
     * A job that cannot start from its checkpoint (unreadable, or state that no longer fits the code) would restart
     * forever. It is resubmitted without the checkpoint, from the earliest Kafka offsets: ClickHouse is rebuilt from
     * Kafka (the window rows are deterministic, the tables replace rows by key). The checkpoint is moved aside to
     * {@code <checkpointDir>/<job>.unrestorable/}.
     */
    private void guardRestores() {
        for (String name : List.copyOf(unconfirmedRestores)) {
            JobID id = jobIds.get(name);
            MiniCluster c = cluster;
            if (id == null || c == null) {
                continue;
            }
            org.apache.flink.runtime.executiongraph.AccessExecutionGraph graph;
            try {
                graph = c.getExecutionGraph(id).get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                continue;
            }
            if (graph.getCheckpointStatsSnapshot() != null
                    && graph.getCheckpointStatsSnapshot().getCounts().getNumberOfCompletedCheckpoints() > 0) {
                unconfirmedRestores.remove(name);
                continue;
            }
            org.apache.flink.runtime.executiongraph.ErrorInfo failure = graph.getFailureInfo();
            if (failure != null && RestoreFailures.isRestoreFailure(failure.getExceptionAsString())) {
                AnalyticsJob job = jobs.stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow();
                rebuildWithoutCheckpoint(job, id, failure.getExceptionAsString());
            } else if (failure != null && graph.getState() == JobStatus.FAILED) {
                LOG.error("job {} FAILED after starting from checkpoint {}: {}", name, restoredFrom.get(name),
                        failure.getExceptionAsString());
                unconfirmedRestores.remove(name);
            }
        }
    }

    private synchronized void rebuildWithoutCheckpoint(AnalyticsJob job, JobID id, String failure) {
        if (cluster == null || !unconfirmedRestores.remove(job.name())) {
            return;
        }
        Path checkpoint = restoredFrom.remove(job.name());
        LOG.error("job {} cannot start from checkpoint {}: {}; moving the checkpoint aside and rebuilding from the"
                + " earliest Kafka offsets", job.name(), checkpoint, firstLine(failure));
        try {
            cluster.cancelJob(id).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("cancel of {} failed (already terminal?): {}", job.name(), e.toString());
        }
        try {
            cluster.requestJobResult(id).get(30, TimeUnit.SECONDS);
            if (checkpoint != null) {
                Path jobIdDir = checkpoint.getParent();
                Path aside = jobIdDir.getParent().resolveSibling(job.name() + ".unrestorable")
                        .resolve(jobIdDir.getFileName() + "-" + System.currentTimeMillis());
                Files.createDirectories(aside.getParent());
                Files.move(jobIdDir, aside);
            }
            submit(job, config.fromEarliest(), false);
        } catch (Exception e) {
            LOG.error("rebuilding job {} failed", job.name(), e);
        }
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    /** One log line per job state change (RUNNING, RESTARTING, FAILED ...). */
    private void logStatusChanges() {
        for (AnalyticsJob job : jobs) {
            status(job.name()).ifPresent(now -> {
                JobStatus before = lastStatus.put(job.name(), now);
                if (before != now) {
                    if (now == JobStatus.RUNNING || before == null) {
                        LOG.info("job {} is {}", job.name(), now);
                    } else {
                        LOG.warn("job {} is {} (was {})", job.name(), now, before);
                    }
                }
            });
        }
    }

    private void submit(AnalyticsJob job, AnalyticsConfig config, boolean allowRestore) throws Exception {
        Path jobDir = Path.of(config.checkpointDir()).toAbsolutePath().resolve(job.name());
        Files.createDirectories(jobDir);
        Optional<Path> latest = allowRestore ? CheckpointLocator.latest(jobDir) : Optional.empty();
        latest.ifPresent(chk -> CheckpointLocator.deleteOthers(jobDir, chk));

        Configuration jobConf = JobSettings.configuration(config, jobDir.toUri().toString(), latest.orElse(null));
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(jobConf);
        job.build(env, config);
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(job.name());
        latest.ifPresent(chk -> graph.setSavepointRestoreSettings(
                SavepointRestoreSettings.forPath(chk.toUri().toString(), true)));
        JobGraph jobGraph = graph.getJobGraph();
        JobID id = cluster.submitJob(jobGraph).get(60, TimeUnit.SECONDS).getJobID();
        jobIds.put(job.name(), id);
        if (latest.isPresent()) {
            restoredFrom.put(job.name(), latest.get());
            unconfirmedRestores.add(job.name());
            LOG.info("job {} submitted as {}, resuming from checkpoint {}", job.name(), id, latest.get());
        } else if (config.startFromEarliest()) {
            LOG.info("job {} submitted as {}, without checkpoint: starting from the earliest offsets", job.name(), id);
        } else {
            LOG.info("job {} submitted as {}, no retained checkpoint: starting from committed offsets (else earliest)",
                    job.name(), id);
        }
    }

    /** The checkpoint each job was restored from at start (empty for a fresh start). */
    public Map<String, Path> restoredFrom() {
        return Map.copyOf(restoredFrom);
    }

    public Optional<JobStatus> status(String jobName) {
        JobID id = jobIds.get(jobName);
        MiniCluster cluster = this.cluster;
        if (cluster == null || id == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(cluster.getJobStatus(id).get(5, TimeUnit.SECONDS));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    public boolean isRunning(String jobName) {
        return status(jobName).map(s -> s == JobStatus.RUNNING).orElse(false);
    }

    /** Healthy when every job is RUNNING. */
    public boolean healthy() {
        return !jobs.isEmpty() && jobs.stream().allMatch(j -> isRunning(j.name()));
    }

    /** Blocks until {@link #close()} has stopped the MiniCluster. */
    public void awaitTermination() throws InterruptedException {
        closed.await();
    }

    /**
     * Cancels the jobs (their checkpoints are retained on cancellation, so the next start resumes from the latest
     * one) and stops the MiniCluster.
     */
    @Override
    public synchronized void close() throws Exception {
        if (watcher != null) {
            watcher.shutdownNow();
            watcher = null;
        }
        meters.forEach(registry::remove);
        meters.clear();
        if (cluster != null) {
            LOG.info("stopping: cancelling jobs {}", jobIds.keySet());
            for (Map.Entry<String, JobID> job : jobIds.entrySet()) {
                try {
                    cluster.cancelJob(job.getValue()).get(30, TimeUnit.SECONDS);
                    cluster.requestJobResult(job.getValue()).get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    LOG.warn("job {} did not cancel cleanly: {}", job.getKey(), e.toString());
                }
            }
            cluster.closeAsync().get(60, TimeUnit.SECONDS);
            cluster = null;
            LOG.info("Flink MiniCluster stopped");
        }
        closed.countDown();
    }
}
