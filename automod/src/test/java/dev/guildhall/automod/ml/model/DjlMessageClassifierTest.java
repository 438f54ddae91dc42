package dev.guildhall.automod.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guildhall.automod.ml.Labels;
import dev.guildhall.automod.ml.MessageClassifier;
import dev.guildhall.automod.ml.MessageClassifiers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DjlMessageClassifierTest {
    private static MessageClassifier model;

    @BeforeAll
    static void load() {
        model = MessageClassifiers.bundled();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static List<String> messages() {
        List<String> out = new ArrayList<>();
        String[] base = {"gg wp", "free nitro https://dlscord.gift/x", "you are an idiot", "this is fucking broken",
            "", "a".repeat(5000), "😂😂", "I'll kill you in the next round"};
        for (int i = 0; i < 300; i++) {
            out.add(base[i % base.length] + (i >= base.length ? " " + i : ""));
        }
        return out;
    }

    @Test
    void labelsVersionAndProbabilities() {
        assertThat(model.labels()).isEqualTo(List.of("safe", "spam", "toxic", "harassment")).isEqualTo(Labels.ALL);
        assertThat(model.version()).isNotBlank();
        float[] s = model.score("hello there");
        assertThat(s).hasSize(4);
        float sum = 0;
        for (float v : s) {
            assertThat(v).isBetween(0f, 1f);
            sum += v;
        }
        assertThat(sum).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
        assertThatThrownBy(() -> model.score(null)).isInstanceOf(NullPointerException.class);
        assertThat(model.scoreBatch(List.of())).isEmpty();
    }

    @Test
    void batchScoresEqualSingleScoresAcrossChunks() {
        List<String> texts = messages();
        float[][] batch = model.scoreBatch(texts);
        assertThat(batch.length).isEqualTo(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            float[] single = model.score(texts.get(i));
            for (int l = 0; l < 4; l++) {
                assertThat(batch[i][l]).as("message %d label %d", i, l)
                        .isCloseTo(single[l], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }

    @Test
    void concurrentCallersGetTheSameScores() throws Exception {
        List<String> texts = messages();
        float[][] expected = model.scoreBatch(texts);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[][]>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                futures.add(pool.submit(() -> scoreOneByOne(texts, offset)));
            }
            futures.add(pool.submit(() -> model.scoreBatch(texts)));
            for (Future<float[][]> f : futures) {
                float[][] got = f.get();
                for (int i = 0; i < texts.size(); i++) {
                    assertThat(got[i]).usingComparatorWithPrecision(1e-5f).containsExactly(expected[i]);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every text scored alone, starting at a different place per caller. */
    private static float[][] scoreOneByOne(List<String> texts, int offset) {
        float[][] out = new float[texts.size()][];
        IntStream.range(0, texts.size()).map(i -> (i + offset * 37) % texts.size())
                .forEach(i -> out[i] = model.score(texts.get(i)));
        return out;
    }

    @Test
    void loadsAVersionDirectoryOrAModelsDirectoryAndRejectsTampering(@TempDir Path dir) throws IOException {
        ModelFiles bundled = ModelFiles.bundled();
        ModelStore store = new ModelStore(dir);
        store.write(bundled.manifest(), bundled.parameters());
        try (MessageClassifier byVersion = MessageClassifiers.load(store.versionDir(model.version()))) {
            assertThat(byVersion.score("gg")).containsExactly(model.score("gg"));
        }
        assertThatThrownBy(() -> MessageClassifiers.load(dir)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(dir.toString());
        store.promote(model.version());
        try (MessageClassifier byStore = MessageClassifiers.load(dir)) {
            assertThat(byStore.version()).isEqualTo(model.version());
        }
        Path params = store.versionDir(model.version()).resolve(ModelManifest.PARAMETERS_FILE);
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length - 1] ^= 1;
        Files.write(params, bytes);
        assertThatThrownBy(() -> MessageClassifiers.load(dir)).isInstanceOf(UncheckedIOException.class)
                .hasStackTraceContaining("SHA-256");
    }
}
