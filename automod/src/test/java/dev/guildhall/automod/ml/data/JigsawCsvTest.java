package dev.guildhall.automod.ml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class JigsawCsvTest {

    @Test
    void mapsFlagsToLabelsAndParsesQuotedMultilineFields() throws IOException {
        String csv = "\"id\",\"comment_text\",\"toxic\",\"severe_toxic\",\"obscene\",\"threat\",\"insult\",\"identity_hate\"\r\n"
                + "\"0001\",\"Thanks for the edit, \"\"great\"\" work.\",0,0,0,0,0,0\r\n"
                + "\"0002\",\"This article is crap\nand wrong\",1,0,1,0,0,0\r\n"
                + "\"0003\",\"I will find you\",1,0,0,1,0,0\r\n"
                + "0004,you are an idiot,1,0,0,0,1,0\n"
                + "0005,\"people like them, all of them\",0,0,0,0,0,1\n"
                + "0006,later set with fractions,0.2,0,0.7,0,0.1,0\n";
        List<LabelledText> rows = JigsawCsv.read(new StringReader(csv), "train.csv");
        assertThat(rows).containsExactly(
                new LabelledText("safe", "Thanks for the edit, \"great\" work."),
                new LabelledText("toxic", "This article is crap\nand wrong"),
                new LabelledText("harassment", "I will find you"),
                new LabelledText("harassment", "you are an idiot"),
                new LabelledText("harassment", "people like them, all of them"),
                new LabelledText("toxic", "later set with fractions"));
    }

    @Test
    void columnsAreFoundByNameAndMissingOnesAreNamed() throws IOException {
        String reordered = "comment_text,identity_hate,insult,threat,obscene,severe_toxic,toxic,id,extra\n"
                + "hello,0,0,0,0,0,0,9,x\n";
        assertThat(JigsawCsv.read(new StringReader(reordered), "r.csv"))
                .containsExactly(new LabelledText("safe", "hello"));
        assertThatThrownBy(() -> JigsawCsv.read(new StringReader("id,comment_text,toxic\n1,a,0\n"), "bad.csv"))
                .isInstanceOf(IOException.class).hasMessageContaining("severe_toxic");
        assertThatThrownBy(() -> JigsawCsv.read(new StringReader(
                "id,comment_text,toxic,severe_toxic,obscene,threat,insult,identity_hate\n1,\"open,0,0,0,0,0,0\n"),
                "q.csv")).isInstanceOf(IOException.class).hasMessageContaining("unterminated");
    }
}
