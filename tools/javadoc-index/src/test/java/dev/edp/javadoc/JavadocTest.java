package dev.edp.javadoc;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class JavadocTest {

    @Test
    void keepsTheMainDescriptionAsPlainParagraphs() {
        String comment = " The queue's {@code maxReceiveCount}: receives before a message\n goes to the"
                + " <b>DLQ</b> (see {@link dev.edp.Queue#dlq the dead-letter queue}).\n\n Default 3 &amp; at least 1.\n"
                + " @return never null\n @see Other\n";
        assertThat(Javadoc.toPlainText(comment)).isEqualTo("The queue's maxReceiveCount: receives before a message"
                + " goes to the DLQ (see the dead-letter queue).\n\nDefault 3 & at least 1.");
    }

    @Test
    void aLinkWithoutLabelShowsItsReference() {
        assertThat(Javadoc.toPlainText("Same as {@link Other#field}.")).isEqualTo("Same as Other.field.");
        assertThat(Javadoc.toPlainText("This class's {@link #TYPE}.")).isEqualTo("This class's TYPE.");
    }

    @Test
    void angleBracketsInACodeSpanAreTextNotHtml() {
        assertThat(Javadoc.toPlainText("Grants {@code bucket:<name>:read} and {@code a & b}, <i>not</i> tags."))
                .isEqualTo("Grants bucket:<name>:read and a & b, not tags.");
    }

    @Test
    void escapedLinesReadBackAsTheSameText() throws Exception {
        String text = "a=b: c # d ! \\ e\nsecond line é";
        Properties read = new Properties();
        read.load(new StringReader(Javadoc.escape("k#x") + "=" + Javadoc.escape(text) + "\n"));
        assertThat(read.getProperty("k#x")).isEqualTo(text);
    }
}
