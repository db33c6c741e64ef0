package dev.edp.runtime.cur;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class AmountsTest {

    @Test
    void plainDecimalsWithoutExponentOrTrailingZeros() {
        assertThat(Amounts.plain(new BigDecimal("1.50E+2"))).isEqualTo("150");
        assertThat(Amounts.plain(new BigDecimal("0.000"))).isEqualTo("0");
        assertThat(Amounts.plain(new BigDecimal("-0.10"))).isEqualTo("-0.1");
        assertThat(Amounts.plain(new BigDecimal("1E-10"))).isEqualTo("0.0000000001");
        assertThat(Amounts.plain(new BigDecimal("12.3400"))).isEqualTo("12.34");
    }
}
