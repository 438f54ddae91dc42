package dev.guildhall.core.automod;

import dev.guildhall.automod.ml.MessageClassifier;
import dev.guildhall.automod.ml.MessageClassifiers;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;

/**
 * Loads AutoMod's classifier once, in the background at startup (the bundled model, or {@code automod.model.dir}),
 * and warms it up so no message pays for the native engine's start; the server serves meanwhile, and messages a
 * model rule applies to are stored {@code automod_pending} until the model is there. A model that cannot be loaded
 * is no startup failure: it is logged and those messages keep waiting for the stream verdict. Gauge
 * {@code guildhall.automod.model.loaded} is 1 once a model serves inline, 0 otherwise.
 */
final class ModelLoader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelLoader.class);
    private static final int WARM_UP = 20;

    private final AutoModConfig config;
    private final Function<MessageClassifier, InlineModel> serve;
    private MessageClassifier classifier;
    private volatile InlineModel model;
    private boolean closed;

    /** {@code serve}: wraps the loaded classifier for the sending path. */
    ModelLoader(AutoModConfig config, Function<MessageClassifier, InlineModel> serve, MeterRegistry registry) {
        this.config = config;
        this.serve = serve;
        Gauge.builder("guildhall.automod.model.loaded", () -> model == null ? 0 : 1)
                .description("1 when AutoMod's classifier serves inline scoring, 0 otherwise")
                .register(registry);
    }

    /** Starts loading (nothing when the model is switched off). */
    void start() {
        if (!config.modelEnabled()) {
            LOG.info("event=automod_model_disabled (model rules wait for the stream verdict)");
            return;
        }
        Thread t = new Thread(this::load, "automod-model-loader");
        t.setDaemon(true);
        t.start();
    }

    /** The model serving inline, or null while loading, when switched off or not loadable. */
    InlineModel model() {
        return model;
    }

    private void load() {
        String source = config.modelDir() == null ? "bundled" : config.modelDir().toString();
        long start = System.nanoTime();
        MessageClassifier loaded = null;
        try {
            loaded = config.modelDir() == null ? MessageClassifiers.bundled()
                    : MessageClassifiers.load(config.modelDir());
            for (int i = 0; i < WARM_UP; i++) {
                loaded.score("warming up the model " + i);
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.error("event=automod_model_unavailable source={} error={} (model rules wait for the stream verdict)",
                    source, e.toString());
            if (loaded != null) {
                loaded.close();
            }
            return;
        }
        synchronized (this) {
            if (closed) {
                loaded.close();
                return;
            }
            classifier = loaded;
            model = serve.apply(loaded);
        }
        LOG.info("event=automod_model_loaded version={} source={} ms={}", loaded.version(), source,
                (System.nanoTime() - start) / 1_000_000);
    }

    /** Stops the scoring pool and releases the model (a load still running releases it when done). */
    @Override
    public synchronized void close() {
        closed = true;
        InlineModel m = model;
        model = null;
        if (m != null) {
            m.close();
        }
        if (classifier != null) {
            classifier.close();
            classifier = null;
        }
    }
}
