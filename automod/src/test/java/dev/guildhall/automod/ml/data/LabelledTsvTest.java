package dev.guildhall.automod.ml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelledTsvTest {

    @Test
    void readsLabelsTextsEscapesAndSkipsComments() throws IOException {
        String tsv = "# exported from the review queue\n"
                + "spam\tfree nitro https://x.xyz\n"
                + "\n"
                + "harassment\tline one\\nline two\\twith tab \\\\ backslash\n"
                + "safe\ttext\twith a tab kept after the first\n";
        List<LabelledText> rows = LabelledTsv.read(new StringReader(tsv), "t.tsv");
        assertThat(rows).containsExactly(
                new LabelledText("spam", "free nitro https://x.xyz"),
                new LabelledText("harassment", "line one\nline two\twith tab \\ backslash"),
                new LabelledText("safe", "text\twith a tab kept after the first"));
    }

    @Test
    void writeThenReadRoundTrips() throws IOException {
        List<LabelledText> rows = List.of(new LabelledText("toxic", "a\tb\nc\\d"), new LabelledText("safe", ""));
        StringWriter out = new StringWriter();
        LabelledTsv.write(rows, out);
        assertThat(LabelledTsv.read(new StringReader(out.toString()), "t")).isEqualTo(rows);
    }

    @Test
    void theReviewQueueExportIsReadAsDownloaded() throws IOException {
        String export = "item_id\tresolved_at\taction\tlabel\ttrigger_type\ttext\n"
                + "11\t2026-11-28T10:00:00.000000+00:00\tapprove\tsafe\t1\tgg \\n wp\n"
                + "12\t2026-11-28T10:01:00.000000+00:00\tremove\ttoxic\t100\tyou absolute donkey\n"
                + "13\t2026-11-28T10:02:00.000000+00:00\tban\tspam\t101\tfree nitro here\n";
        assertThat(LabelledTsv.read(new StringReader(export), "decisions.tsv")).containsExactly(
                new LabelledText("safe", "gg \\n wp"),
                new LabelledText("toxic", "you absolute donkey"),
                new LabelledText("spam", "free nitro here"));
        assertThatThrownBy(() -> LabelledTsv.read(new StringReader(export + "14\tx\tremove\ttoxic\n"), "d.tsv"))
                .isInstanceOf(IOException.class).hasMessageContaining("d.tsv:5").hasMessageContaining("6 tab-separated");
    }

    @Test
    void badLinesNameTheirLine() {
        assertThatThrownBy(() -> LabelledTsv.read(new StringReader("safe\tok\nno tab here\n"), "d.tsv"))
                .isInstanceOf(IOException.class).hasMessageContaining("d.tsv:2");
        assertThatThrownBy(() -> LabelledTsv.read(new StringReader("spam\tok\nnasty\tx\n"), "d.tsv"))
                .isInstanceOf(IOException.class).hasMessageContaining("d.tsv:2").hasMessageContaining("nasty");
    }
}
