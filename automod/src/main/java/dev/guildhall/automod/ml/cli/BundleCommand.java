package dev.guildhall.automod.ml.cli;

import dev.guildhall.automod.ml.model.ModelFiles;
import dev.guildhall.automod.ml.model.ModelManifest;
import dev.guildhall.automod.ml.model.ModelStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code automod bundle}: makes a trained version the model shipped in the jar: copies its directory into the
 * resources' models directory, points {@code CURRENT} at it and removes the previously bundled versions (git
 * history keeps them), so the jar carries one model.
 */
final class BundleCommand {
    static final Path DEFAULT_DIR = Path.of("automod/src/main/resources/models");

    private BundleCommand() {
    }

    static void run(ModelStore store, String version, Path into) throws IOException {
        Path source = store.versionDir(version);
        ModelFiles.inDirectory(source); // fails on a missing or broken version before anything is changed
        Files.createDirectories(into);
        Path target = into.resolve(version);
        Files.createDirectories(target);
        for (String f : List.of(ModelManifest.FILE, ModelManifest.PARAMETERS_FILE)) {
            Files.copy(source.resolve(f), target.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(into.resolve(ModelFiles.CURRENT), version + "\n");
        try (Stream<Path> dirs = Files.list(into)) {
            for (Path old : dirs.filter(Files::isDirectory).filter(p -> !p.equals(target)).toList()) {
                try (Stream<Path> walk = Files.walk(old)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }
}
