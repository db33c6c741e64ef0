package dev.edp.runtime.cur;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerKeysTest {

    /** The parser counts the sort key's length without building it: the count must be the built key's UTF-8 length. */
    @ParameterizedTest
    @ValueSource(strings = {"AmazonEC2", "", "a b", "a+b", "a#b/c%d", "x.y-z*w_v", "~!'()", "Zürich", "東京", "😀 emoji",
            "tab\there", "quote\"comma,"})
    void theCountedSortKeyLengthIsTheBuiltOnes(String name) {
        String built = LedgerKeys.contributionSk("0".repeat(32), "0".repeat(16), name, "Amazon S3 " + name);
        assertThat(LedgerKeys.contributionSkBytes(name, "Amazon S3 " + name))
                .isEqualTo(built.getBytes(StandardCharsets.UTF_8).length);
    }
}
