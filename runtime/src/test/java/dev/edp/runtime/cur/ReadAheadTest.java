package dev.edp.runtime.cur;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadAheadTest {

    @Test
    void aSecondThreadOnlyWithTwoProcessorsAndOnLambdaOnlyWithTwoVcpusWorthOfMemory() {
        assertThat(ReadAhead.worthIt(1, null, null)).isFalse();
        assertThat(ReadAhead.worthIt(2, null, null)).isTrue();
        assertThat(ReadAhead.worthIt(2, "1769", null)).isFalse(); // one vCPU's worth: the two threads would share it
        assertThat(ReadAhead.worthIt(2, "3537", null)).isFalse();
        assertThat(ReadAhead.worthIt(2, "3538", null)).isTrue();
        assertThat(ReadAhead.worthIt(6, "10240", null)).isTrue();
        assertThat(ReadAhead.worthIt(2, "not a number", null)).isFalse();
    }

    @Test
    void thePropertyDecidesWhenSet() {
        assertThat(ReadAhead.worthIt(8, null, "false")).isFalse();
        assertThat(ReadAhead.worthIt(2, "512", "true")).isTrue();
        assertThat(ReadAhead.worthIt(1, null, "true")).isTrue();
    }
}
