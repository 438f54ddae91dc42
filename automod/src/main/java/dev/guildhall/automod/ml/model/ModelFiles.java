package dev.guildhall.automod.ml.model;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The two files of one model version, {@code manifest.json} and {@code parameters.djl}, from a directory or from the
 * classpath ({@code models/CURRENT} names the bundled version, {@code models/<version>/} holds it).
 */
public record ModelFiles(String origin, ModelManifest manifest, byte[] parameters) {
    /** The models directory's file naming its current version. */
    public static final String CURRENT = "CURRENT";
    private static final String BUNDLED_ROOT = "models/";

    /** The model bundled in the automod jar. */
    public static ModelFiles bundled() throws IOException {
        String version = new String(resource(BUNDLED_ROOT + CURRENT), StandardCharsets.UTF_8).strip();
        String dir = BUNDLED_ROOT + version + "/";
        return new ModelFiles("classpath:" + dir, ModelManifest.fromJson(resource(dir + ModelManifest.FILE)),
                resource(dir + ModelManifest.PARAMETERS_FILE));
    }

    /** A version directory (with manifest.json), or a models directory whose CURRENT version is read. */
    public static ModelFiles inDirectory(Path dir) throws IOException {
        Path versionDir = dir;
        if (!Files.exists(dir.resolve(ModelManifest.FILE))) {
            Path current = dir.resolve(CURRENT);
            if (!Files.exists(current)) {
                throw new NoSuchFileException(dir.toString(), null,
                        "neither a model version (no " + ModelManifest.FILE + ") nor a models directory (no " + CURRENT + ")");
            }
            versionDir = dir.resolve(Files.readString(current).strip());
        }
        return new ModelFiles(versionDir.toString(),
                ModelManifest.fromJson(Files.readAllBytes(versionDir.resolve(ModelManifest.FILE))),
                Files.readAllBytes(versionDir.resolve(ModelManifest.PARAMETERS_FILE)));
    }

    public InputStream parametersStream() {
        return new ByteArrayInputStream(parameters);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ModelFiles.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new NoSuchFileException("classpath:" + name);
            }
            return in.readAllBytes();
        }
    }
}
