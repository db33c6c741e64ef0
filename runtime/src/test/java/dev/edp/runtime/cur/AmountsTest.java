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

    @Test
    void whatDynamoDbsNumberCannotHoldIsSaid() {
        for (String storable : new String[]{"0", "-0.00", "1E-130", "-1E-130", "9.9999999999999999999999999999999999999E+125",
                "-9.9999999999999999999999999999999999999E+125", "1.0000000000000000000000000000000000001E-130",
                "12345678901234567890123456789012345678", "1." + "0".repeat(166), "0E+999999999", "0E-167"}) {
            assertThat(Amounts.unstorable(new BigDecimal(storable))).as(storable).isNull();
        }
        assertThat(Amounts.unstorable(new BigDecimal("9.99999E-131")))
                .isEqualTo("is smaller in magnitude than 1E-130, the smallest number DynamoDB stores");
        assertThat(Amounts.unstorable(new BigDecimal("-1E+126")))
                .isEqualTo("is larger in magnitude than 9.99...E+125, the largest number DynamoDB stores");
        assertThat(Amounts.unstorable(new BigDecimal("1.00000000000000000000000000000000000001E-93")))
                .isEqualTo("has 39 significant digits; DynamoDB stores at most 38");
        assertThat(Amounts.unstorable(new BigDecimal("1." + "0".repeat(168))))
                .isEqualTo("has 168 decimal places; no number DynamoDB stores has more than 167");
        assertThat(Amounts.unstorable(new BigDecimal("0E-999999999")))
                .isEqualTo("has 999999999 decimal places; no number DynamoDB stores has more than 167");
    }
}
