package dev.guildhall.automod.bench;

import dev.guildhall.automod.engine.PresetLibrary;
import dev.guildhall.automod.ml.MessageClassifier;
import dev.guildhall.automod.ml.MessageClassifiers;
import dev.guildhall.automod.ml.data.LabelledText;
import dev.guildhall.automod.ml.data.SyntheticCorpus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The bundled AutoMod classifier: {@link #single} is the inline path (one message, p50/p99 from JMH's SampleTime
 * percentiles), {@link #batch} the stream path ({@value #BATCH} messages per {@code scoreBatch}, reported per
 * message, so the score is messages/s). Messages: synthetic chat of every label (1–200 characters) and, one in 64,
 * a 2000-character message (Discord's limit). See docs/benchmarks.md for the command and results.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m", "-Duser.timezone=UTC"})
public class ClassifierBenchmark {
    static final int BATCH = 1024;

    MessageClassifier classifier;
    List<String> messages;
    int next;

    @Setup
    public void setUp() {
        classifier = MessageClassifiers.bundled();
        messages = new ArrayList<>();
        List<LabelledText> corpus = SyntheticCorpus.build(PresetLibrary.bundled(), List.of(), BATCH / 4, 0, 12345);
        for (int i = 0; i < corpus.size(); i++) {
            String text = corpus.get(i).text();
            messages.add(i % 64 == 0 ? (text + " ").repeat(2000 / (text.length() + 1) + 1).substring(0, 2000) : text);
        }
        Collections.shuffle(messages, new Random(1));
    }

    @TearDown
    public void tearDown() {
        classifier.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public float[] single() {
        String m = messages.get(next);
        next = (next + 1) % messages.size();
        return classifier.score(m);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    public float[][] batch() {
        return classifier.scoreBatch(messages);
    }
}
