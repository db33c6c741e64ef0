package dev.edp.runtime.cur;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The long fast path of amounts ({@link DecimalText}) and sums ({@link ExactSum}) against the BigDecimal reference:
 * the same value and the same scale ({@code equals}, not {@code compareTo}), the same texts rejected.
 */
class ExactSumTest {

    @Test
    void readsLikeBigDecimalIncludingTheScale() {
        for (String text : List.of("0", "-0", "+0", "-0.00", "0.0000000000", "1", "+1.5", "-1.50", "1.", ".5", "-.5",
                "12.3400", "0.0000000001", "1e5", "1E+5", "1.5e-7", "-1.50E-3", "1.5E+3", "-0e-3", "1.e2", ".5e1",
                "123456789012345678", "-123456789012345678", "0.12345678901234567", "1e999999999", "1e-999999999")) {
            DecimalText amount = parse(text);
            assertThat(amount.big).as(text + " takes the fast path").isNull();
            assertThat(amount.value()).as(text).isEqualTo(new BigDecimal(text));
        }
    }

    @Test
    void whatDoesNotFitALongIsReadByBigDecimal() {
        for (String text : List.of("1234567890123456789", "-9223372036854775808", "9223372036854775807",
                "99999999999999999999.5", "0.123456789012345678", "00000000000000000001", "1e1000000000", "1e-1000000000", "\u0661\u0662.5")) {
            DecimalText amount = parse(text);
            assertThat(amount.big).as(text + " takes the BigDecimal path").isNotNull();
            assertThat(amount.value()).as(text).isEqualTo(new BigDecimal(text));
        }
    }

    @Test
    void rejectsWhatBigDecimalRejects() {
        for (String text : List.of("", "-", "+", ".", "-.", "1e", "1e+", "1E-", "e5", ".e5", "1.2.3", " 1", "1 ", "1,5",
                "abc", "--1", "+-1", "1e5.5", "1e--5", "1ee5", "0x10", "NaN", "Infinity", "1e99999999999")) {
            assertThatThrownBy(() -> new BigDecimal(text)).as("reference rejects '" + text + "'")
                    .isInstanceOf(NumberFormatException.class);
            assertThatThrownBy(() -> parse(text)).as("'" + text + "'").isInstanceOf(NumberFormatException.class);
        }
    }

    @Test
    void randomTextsAreReadOrRejectedExactlyLikeBigDecimal() {
        Random random = new Random(1);
        String alphabet = "0123456789012345678901234567890123456789.-+eE";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder chars = new StringBuilder();
            for (int n = 1 + random.nextInt(24); n > 0; n--) {
                chars.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = chars.toString();
            BigDecimal expected;
            try {
                expected = new BigDecimal(text);
            } catch (NumberFormatException e) {
                assertThatThrownBy(() -> parse(text)).as(text).isInstanceOf(NumberFormatException.class);
                continue;
            }
            assertThat(parse(text).value()).as(text).isEqualTo(expected);
        }
    }

    @Test
    void theFastPathsStorableScalesAgreeWithTheFullCheck() {
        // DecimalText.unstorable answers "storable" from the scale alone inside a window; around and beyond its edges
        // (scales -108 and 130, DynamoDB's 1E-130 and 9.99...E+125) it must say what Amounts.unstorable says.
        Random random = new Random(3);
        for (int i = 0; i < 100_000; i++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "-" : "");
            int digits = 1 + random.nextInt(random.nextBoolean() ? DecimalText.MAX_FAST_DIGITS : 45);
            int point = random.nextInt(digits + 1);
            for (int d = 0; d < digits; d++) {
                text.append(d == point ? "." : "").append((char) ('0' + random.nextInt(random.nextInt(4) == 0 ? 1 : 10)));
            }
            text.append('E').append(random.nextInt(320) - 160);
            String amount = text.toString();
            assertThat(parse(amount).unstorable()).as(amount).isEqualTo(Amounts.unstorable(new BigDecimal(amount)));
        }
        for (String edge : List.of("1E-130", "123456789012345678E-147", "1E+125", "999999999999999999E+108", "0E-130",
                "0E+108", "0E-167")) {
            assertThat(parse(edge).unstorable()).as(edge).isNull();
        }
        for (String beyond : List.of("1E-131", "123456789012345678E-148", "1E+126", "999999999999999999E+109", "0E-168")) {
            assertThat(parse(beyond).unstorable()).as(beyond).isNotNull();
        }
    }

    @Test
    void sumsEqualTheBigDecimalSumInValueAndScale() {
        assertSumsLikeBigDecimal("1.10", "2.25", "-0.35");                     // 3.00, scale 2
        assertSumsLikeBigDecimal("5", "0.000001", "1.5E+3", "-0");               // scale changes up, a negative scale
        assertSumsLikeBigDecimal("-0.00", "-0");                                 // negative zero keeps its scale: 0.00
        assertSumsLikeBigDecimal("1.5E+3");                                      // alone: 1500 at scale 0, as ZERO.add
        assertSumsLikeBigDecimal("1e-18", "1", "123456789");                     // the sum moves to scale 18, then overflows
        assertSumsLikeBigDecimal("1e-19", "1");                                  // a scale step above 10^18
        assertSumsLikeBigDecimal("1", "1e-30", "2");                             // far apart
        assertSumsLikeBigDecimal("1e+20", "1");                                  // an amount that cannot be scaled to 0
        assertSumsLikeBigDecimal("1234567890123456789", "1", "0.5");             // 19 digits: BigDecimal from the start
    }

    @Test
    void overflowOfTheLongSpillsExactly() {
        List<String> big = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            big.add("999999999999999999"); // 18 digits: 10 of them exceed Long.MAX_VALUE
        }
        assertSumsLikeBigDecimal(big.toArray(String[]::new));
        assertSumsLikeBigDecimal(big.stream().map(text -> "-" + text).toArray(String[]::new)); // past Long.MIN_VALUE
        assertSumsLikeBigDecimal("922337203685477580.7", "0.1", "-0.2", "0.2");  // the long part at its very limit
        assertSumsLikeBigDecimal("-922337203685477580.8", "-0.1", "0.3");
    }

    @Test
    void randomSumsEqualTheBigDecimalSum() {
        Random random = new Random(2);
        for (int run = 0; run < 2_000; run++) {
            String[] amounts = new String[1 + random.nextInt(60)];
            for (int i = 0; i < amounts.length; i++) {
                amounts[i] = randomAmount(random);
            }
            assertSumsLikeBigDecimal(amounts);
        }
    }

    private static String randomAmount(Random random) {
        int digits = 1 + random.nextInt(random.nextBoolean() ? 19 : 8);
        StringBuilder text = new StringBuilder(random.nextInt(8) == 0 ? "-" : "");
        int point = random.nextInt(digits + 1);
        for (int i = 0; i < digits; i++) {
            if (i == point) {
                text.append('.');
            }
            text.append((char) ('0' + random.nextInt(10)));
        }
        if (random.nextInt(10) == 0) {
            text.append('e').append(random.nextInt(41) - 20);
        }
        return text.toString();
    }

    private static void assertSumsLikeBigDecimal(String... amounts) {
        ExactSum sum = new ExactSum();
        BigDecimal expected = BigDecimal.ZERO;
        for (String text : amounts) {
            sum.add(parse(text));
            expected = expected.add(new BigDecimal(text));
        }
        assertThat(sum.value()).as(String.join(" + ", amounts)).isEqualTo(expected);
    }

    private static DecimalText parse(String text) {
        DecimalText amount = new DecimalText();
        amount.parse(text);
        return amount;
    }
}
