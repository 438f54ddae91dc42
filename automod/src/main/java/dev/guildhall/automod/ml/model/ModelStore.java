package dev.guildhall.automod.ml.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A models directory (default {@code var/automod/models}): one sub-directory per version holding
 * {@code manifest.json} and {@code parameters.djl}, and a {@code CURRENT} file naming the version in service.
 * Training adds versions; only promotion moves {@code CURRENT}.
 */
public final class ModelStore {
    public static final Path DEFAULT_DIR = Path.of("var/automod/models");

    private final Path root;

    public ModelStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path versionDir(String version) {
        return root.resolve(version);
    }

    /** Writes a new version; fails if it exists. */
    public Path write(ModelManifest manifest, byte[] parameters) throws IOException {
        Path dir = versionDir(manifest.version());
        Files.createDirectories(root);
        Files.createDirectory(dir);
        Files.write(dir.resolve(ModelManifest.PARAMETERS_FILE), parameters);
        Files.write(dir.resolve(ModelManifest.FILE), manifest.toJson());
        return dir;
    }

    /** Rewrites a version's manifest (metrics added by evaluation). */
    public void updateManifest(ModelManifest manifest) throws IOException {
        Files.write(versionDir(manifest.version()).resolve(ModelManifest.FILE), manifest.toJson());
    }

    public Optional<String> current() throws IOException {
        Path f = root.resolve(ModelFiles.CURRENT);
        return Files.exists(f) ? Optional.of(Files.readString(f).strip()) : Optional.empty();
    }

    /** The newest version by name (versions are UTC timestamps, so names sort by time). */
    public Optional<String> latest() throws IOException {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(root)) {
            List<String> versions = s.filter(p -> Files.exists(p.resolve(ModelManifest.FILE)))
                    .map(p -> p.getFileName().toString()).sorted().toList();
            return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
        }
    }

    /** Makes {@code version} the current one (atomic rename of a temporary CURRENT file). */
    public void promote(String version) throws IOException {
        if (!Files.exists(versionDir(version).resolve(ModelManifest.FILE))) {
            throw new IOException("no model version " + version + " in " + root);
        }
        Path tmp = root.resolve(ModelFiles.CURRENT + ".tmp");
        Files.writeString(tmp, version + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(tmp, root.resolve(ModelFiles.CURRENT), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, root.resolve(ModelFiles.CURRENT), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
