package dev.guildhall.automod.ml.model;

import ai.djl.engine.Engine;

/**
 * The DJL PyTorch engine as the classifier uses it: offline (natives from the pytorch-native-cpu jar, nothing
 * downloaded), one intra-op and one inter-op thread (more threads made training 7–14× slower on the 2-core machines;
 * callers parallelise by calling from several threads), usage tracking off. JVM system properties that are already
 * set win.
 */
public final class DjlRuntime {
    private DjlRuntime() {
    }

    public static Engine engine() {
        setIfAbsent("ai.djl.offline", "true");
        // DJL otherwise looks up EC2 instance metadata once ("call home"); offline mode already skips it
        setIfAbsent("OPT_OUT_TRACKING", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        return Engine.getEngine("PyTorch");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
