package dev.guildhall.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Kafka 4.x single-node KRaft broker+controller as a child JVM whose classpath is exactly the broker jars
 * (written at build time into the resource {@code kafka-broker.classpath}).
 */
final class LocalKafka implements KafkaEngine, Engines.StoppableEngine {
  static final String CLASSPATH_RESOURCE = "/kafka-broker.classpath";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final Path dir;
  private final int port;
  private final ChildProcess process;
  private final Admin admin;

  private LocalKafka(Path dir, int port, ChildProcess process, Admin admin) {
    this.dir = dir;
    this.port = port;
    this.process = process;
    this.admin = admin;
  }

  static LocalKafka start() {
    String classpath = brokerClasspath();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    IllegalStateException last = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      Path dir = TempDirs.create("kafka");
      int port = FreePorts.next();
      int controllerPort = FreePorts.next();
      long t0 = System.nanoTime();
      Progress.line("starting Kafka on port " + port + " (controller " + controllerPort + ") in " + dir + " ...");
      try {
        Path config = writeConfig(dir, port, controllerPort);
        List<String> jvm = new ArrayList<>(List.of(java, "-Xmx512m", "-Xms64m", "-XX:+UseSerialGC",
            "-Duser.timezone=UTC", "-Dfile.encoding=UTF-8", "-Djava.awt.headless=true",
            "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
            "-Dkafka.logs.dir=" + dir.resolve("logs"), "-cp", classpath));
        List<String> format = new ArrayList<>(jvm);
        format.set(1, "-Xmx256m");
        format.addAll(List.of("kafka.tools.StorageTool", "format", "--standalone",
            "-t", Uuid.randomUuid().toString(), "-c", config.toString()));
        ChildProcess.runToCompletion("kafka storage format", format, dir, dir.resolve("logs/format.log"),
            Duration.ofSeconds(120));
        List<String> server = new ArrayList<>(jvm);
        server.addAll(List.of("kafka.Kafka", config.toString()));
        ChildProcess process = ChildProcess.start("kafka", server, dir, dir.resolve("logs/stdout.log"), Map.of(),
            "TERM", dir);
        Admin admin = Admin.create(Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000,
            AdminClientConfig.CLIENT_ID_CONFIG, "guildhall-testkit-admin"));
        LocalKafka engine = new LocalKafka(dir, port, process, admin);
        try {
          engine.awaitReady(t0);
        } catch (IllegalStateException e) {
          admin.close(Duration.ofSeconds(1));
          process.stop(Duration.ofSeconds(10));
          String tail = ChildProcess.tail(dir.resolve("logs/server.log"), 25);
          TempDirs.deleteQuietly(dir);
          throw new IllegalStateException(e.getMessage() + "\nserver.log:\n" + tail, e);
        }
        Progress.line("Kafka on port " + port + " ready in " + Progress.seconds(t0));
        return engine;
      } catch (IllegalStateException e) {
        last = e;
        TempDirs.deleteQuietly(dir);
        Progress.line("Kafka attempt " + attempt + " failed: " + e.getMessage());
      }
    }
    throw last;
  }

  static String brokerClasspath() {
    try (InputStream in = LocalKafka.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource kafka-broker.classpath missing from the testkit jar:"
            + " rebuild it (mvn -pl testkit install)");
      }
      String classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      for (String entry : classpath.split(":")) {
        if (!Files.isRegularFile(Path.of(entry))) {
          throw new IllegalStateException("Kafka broker jar " + entry + " is missing: rebuild the testkit"
              + " (mvn -pl testkit install) so Maven downloads the broker jars again");
        }
      }
      return classpath;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read kafka-broker.classpath", e);
    }
  }

  private static Path writeConfig(Path dir, int port, int controllerPort) {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    p.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
    p.setProperty("log.dirs", dir.resolve("data").toString());
    p.setProperty("num.partitions", "1");
    p.setProperty("default.replication.factor", "1");
    p.setProperty("min.insync.replicas", "1");
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "5");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("transaction.state.log.num.partitions", "5");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("auto.create.topics.enable", "true");
    p.setProperty("log.retention.check.interval.ms", "300000");
    p.setProperty("num.network.threads", "2");
    p.setProperty("num.io.threads", "4");
    String log4j = String.join("\n",
        "status = warn",
        "appender.file.type = File",
        "appender.file.name = FILE",
        "appender.file.fileName = " + dir.resolve("logs/server.log"),
        "appender.file.layout.type = PatternLayout",
        "appender.file.layout.pattern = [%d] %p %m (%c)%n",
        "rootLogger.level = INFO",
        "rootLogger.appenderRef.file.ref = FILE",
        "logger.statechange.name = state.change.logger",
        "logger.statechange.level = WARN",
        "logger.request.name = kafka.request.logger",
        "logger.request.level = WARN",
        "");
    try {
      Files.createDirectories(dir.resolve("logs"));
      Files.createDirectories(dir.resolve("data"));
      Path config = dir.resolve("server.properties");
      try (var out = Files.newBufferedWriter(config)) {
        p.store(out, "guildhall testkit single-node KRaft");
      }
      Files.writeString(dir.resolve("log4j2.properties"), log4j);
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write Kafka config into " + dir, e);
    }
  }

  private void awaitReady(long t0) {
    long deadline = t0 + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Kafka broker exited with code " + process.exitCode().orElse(-1)
            + " before it was ready:\n" + process.logTail(20));
      }
      try {
        if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
          return;
        }
      } catch (ExecutionException | TimeoutException e) {
        // not ready yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Kafka", e);
      }
      LocalClickHouse.sleep(250);
    }
    throw new IllegalStateException("Kafka did not answer describeCluster within " + START_TIMEOUT);
  }

  @Override
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  @Override
  public long pid() {
    return process.pid();
  }

  @Override
  public String createTopic(String name, int partitions) {
    try {
      try {
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause(), e.getCause());
        }
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        try {
          TopicDescription d = admin.describeTopics(Set.of(name)).allTopicNames().get(10, TimeUnit.SECONDS).get(name);
          if (d != null && d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
            return name;
          }
        } catch (ExecutionException e) {
          // metadata not propagated yet
        }
        LocalClickHouse.sleep(100);
      }
      throw new IllegalStateException("topic " + name + " has no leader after 30s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + name, e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out creating topic " + name, e);
    }
  }

  @Override
  public void stop() {
    admin.close(Duration.ofSeconds(2));
    process.stop(Duration.ofSeconds(20));
    TempDirs.deleteQuietly(dir);
  }
}
