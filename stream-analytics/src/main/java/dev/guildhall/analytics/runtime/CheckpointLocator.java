package dev.guildhall.analytics.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the latest retained checkpoint of a job: Flink writes {@code <jobDir>/<job id>/chk-<n>/_metadata}, the
 * metadata file last, so only a {@code chk-*} directory holding {@code _metadata} is complete. The newest one by
 * metadata time wins (job ids change on every start); ties go to the higher checkpoint number.
 */
public final class CheckpointLocator {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointLocator.class);

    private CheckpointLocator() {
    }

    public static Optional<Path> latest(Path jobDir) {
        if (!Files.isDirectory(jobDir)) {
            return Optional.empty();
        }
        try (Stream<Path> jobIds = Files.list(jobDir)) {
            return jobIds.filter(Files::isDirectory)
                    .flatMap(CheckpointLocator::completedCheckpoints)
                    .max(Comparator.comparing(CheckpointLocator::metadataTime)
                            .thenComparingLong(CheckpointLocator::checkpointNumber));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints under " + jobDir, e);
        }
    }

    /** Deletes the job-id directories under {@code jobDir} other than the one holding {@code keep}. */
    public static void deleteOthers(Path jobDir, Path keep) {
        Path keepJob = keep.getParent();
        try (Stream<Path> jobIds = Files.list(jobDir)) {
            for (Path dir : jobIds.filter(Files::isDirectory).filter(d -> !d.equals(keepJob)).toList()) {
                deleteRecursively(dir);
            }
        } catch (IOException e) {
            LOG.warn("cannot clean old checkpoints under {}: {}", jobDir, e.toString());
        }
    }

    private static Stream<Path> completedCheckpoints(Path jobIdDir) {
        try (Stream<Path> children = Files.list(jobIdDir)) {
            List<Path> list = children
                    .filter(p -> p.getFileName().toString().startsWith("chk-"))
                    .filter(p -> checkpointNumber(p) >= 0)
                    .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
                    .toList();
            return list.stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    static long checkpointNumber(Path chkDir) {
        try {
            return Long.parseLong(chkDir.getFileName().toString().substring("chk-".length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static FileTime metadataTime(Path chkDir) {
        try {
            return Files.getLastModifiedTime(chkDir.resolve("_metadata"));
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
