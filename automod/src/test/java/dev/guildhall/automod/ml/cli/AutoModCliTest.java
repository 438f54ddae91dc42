package dev.guildhall.automod.ml.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutoModCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new AutoModCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    @Test
    void scorePrintsAHeaderAndOneLinePerMessageUsingTheLastTsvColumn(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("messages.tsv");
        Files.writeString(file, "gg wp\nspam\tFREE NITRO https://dlscord.gift/claim\n123\tuser\tyou are an idiot\n\n");
        int code = run("score", file.toString(), "--models", dir.resolve("none").toString());
        assertThat(code).as(err.toString()).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo("safe\tspam\ttoxic\tharassment");
        assertThat(lines).hasSize(5);
        for (String line : lines.subList(1, 5)) {
            assertThat(line.split("\t")).hasSize(4).allMatch(v -> v.matches("[01]\\.\\d{4}"));
        }
        assertThat(ScoreCommand.message("a\tb\tlast")).isEqualTo("last");
        assertThat(err.toString()).contains("[score] model ");
    }

    @Test
    void badUsageExitsTwoAndMissingFilesExitOne(@TempDir Path dir) {
        assertThat(run()).isEqualTo(2);
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown command 'frobnicate'", "usage: automod");
        assertThat(run("train", "--epochs", "many")).isEqualTo(2);
        assertThat(run("score")).isEqualTo(2);
        err.reset();
        assertThat(run("score", dir.resolve("nope.txt").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("nope.txt");
        err.reset();
        assertThat(run("train", "--models", dir.toString(), "--spam-assassin", dir.resolve("missing").toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("SpamAssassin data not found");
    }
}
