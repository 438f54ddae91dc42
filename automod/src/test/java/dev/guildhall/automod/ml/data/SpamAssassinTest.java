package dev.guildhall.automod.ml.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpamAssassinTest {
    private static final String MAIL = "From someone@example.com  Thu Aug 22 13:17:22 2002\n"
            + "Received: from localhost\n\tby phobos\n"
            + "Subject: Life Insurance - Why Pay More?\n"
            + "Content-Type: text/html; charset=\"iso-8859-1\"\n"
            + "Content-Transfer-Encoding: quoted-printable\n"
            + "\n"
            + "<HTML><BODY><FONT color=3D#ff0000>Save up to 70% on Life Insurance.</FONT>=\n"
            + " Click <A href=3D\"http://website.e365.cc/savequote/\">here</A>&nbsp;now caf=E9</BODY></HTML>\n";

    @Test
    void mailBecomesSubjectAndPlainBody() {
        String text = SpamAssassin.chatText(MAIL);
        assertThat(text).isEqualTo("Life Insurance - Why Pay More? Save up to 70% on Life Insurance. Click here now café");
        assertThat(text).doesNotContain("Received", "phobos", "<", "=3D");
    }

    @Test
    void loadsGroupsWithLabelsAndAStableSplit(@TempDir Path dir) throws IOException {
        for (String group : List.of("easy-ham-1", "easy-ham-2", "hard-ham-1", "spam-1", "spam-2")) {
            Files.createDirectories(dir.resolve(group));
            for (int i = 0; i < 40; i++) {
                Files.writeString(dir.resolve(group).resolve(String.format("%05d.abc.txt", i)),
                        "Subject: s" + i + "\n\nbody " + group);
                Files.writeString(dir.resolve(group).resolve(String.format("%05d.abc.json", i)), "{}");
            }
        }
        List<SpamAssassin.Mail> mails = SpamAssassin.load(dir, 7);
        assertThat(mails).hasSize(200);
        assertThat(mails.stream().filter(m -> m.example().label().equals("spam"))).hasSize(80);
        assertThat(mails.get(0).example().text()).isEqualTo("s0 body easy-ham-1");
        long heldOut = mails.stream().filter(SpamAssassin.Mail::heldOut).count();
        assertThat(heldOut).isBetween(20L, 65L); // 20% of 200, give or take the hash
        assertThat(SpamAssassin.load(dir, 7)).isEqualTo(mails);
        assertThat(SpamAssassin.load(dir, 8).stream().map(SpamAssassin.Mail::heldOut).toList())
                .isNotEqualTo(mails.stream().map(SpamAssassin.Mail::heldOut).toList());
    }

    @Test
    void heldOutShareIsAboutTwentyPercent() {
        long held = IntStream.range(0, 10_000).filter(i -> HeldOutSplit.heldOut("key" + i, 1)).count();
        assertThat(held).isBetween(1850L, 2150L);
    }
}
