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
    void badLinesNameTheirLine() {
        assertThatThrownBy(() -> LabelledTsv.read(new StringReader("safe\tok\nno tab here\n"), "d.tsv"))
                .isInstanceOf(IOException.class).hasMessageContaining("d.tsv:2");
        assertThatThrownBy(() -> LabelledTsv.read(new StringReader("spam\tok\nnasty\tx\n"), "d.tsv"))
                .isInstanceOf(IOException.class).hasMessageContaining("d.tsv:2").hasMessageContaining("nasty");
    }
}
