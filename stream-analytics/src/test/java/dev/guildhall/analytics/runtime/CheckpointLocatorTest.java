package dev.guildhall.analytics.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.assertj.core.api.Assertions.assertThat;

class CheckpointLocatorTest {
    @TempDir
    Path dir;

    private Path checkpoint(String jobId, int n, long metadataMillis, boolean complete) throws Exception {
        Path chk = Files.createDirectories(dir.resolve(jobId).resolve("chk-" + n));
        if (complete) {
            Path meta = Files.writeString(chk.resolve("_metadata"), "x");
            Files.setLastModifiedTime(meta, FileTime.fromMillis(metadataMillis));
        }
        return chk;
    }

    @Test
    void noDirectoryOrNoCheckpointMeansFreshStart() throws Exception {
        assertThat(CheckpointLocator.latest(dir.resolve("missing"))).isEmpty();
        Files.createDirectories(dir.resolve("abc").resolve("shared"));
        checkpoint("abc", 1, 1000, false);
        assertThat(CheckpointLocator.latest(dir)).isEmpty();
    }

    @Test
    void picksTheNewestCompleteCheckpointAcrossJobIds() throws Exception {
        checkpoint("job-a", 7, 1_000, true);
        Path newest = checkpoint("job-b", 2, 5_000, true);
        checkpoint("job-b", 3, 9_000, false);       // in progress: no _metadata
        checkpoint("job-c", 1, 2_000, true);
        Files.createDirectories(dir.resolve("job-b").resolve("taskowned"));
        assertThat(CheckpointLocator.latest(dir)).contains(newest);
    }

    @Test
    void deletesOtherJobDirectories() throws Exception {
        checkpoint("job-a", 7, 1_000, true);
        Path keep = checkpoint("job-b", 2, 5_000, true);
        CheckpointLocator.deleteOthers(dir, keep);
        assertThat(dir.resolve("job-a")).doesNotExist();
        assertThat(keep.resolve("_metadata")).exists();
    }
}
