package dev.edp.runtime.cur;

import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The types a writer other than EDP's may use, as the text the aggregator reads. */
class ParquetTextTest {

    @Test
    void int96TimestampsAreTheirUtcDay() {
        ParquetText text = ParquetText.of(Types.optional(PrimitiveType.PrimitiveTypeName.INT96).named("start"),
                ParquetText.Role.USAGE_START);
        // 2024-01-15 is Julian day 2,460,325; 23:30 of it in nanoseconds.
        ByteBuffer int96 = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(84_600_000_000_000L).putInt(2_460_325);

        text.addBinary(Binary.fromConstantByteArray(int96.array()));

        assertThat(text.value).isEqualTo("2024-01-15");
    }

    @Test
    void localMicrosecondTimestampsAndDatesAreTakenInUtc() {
        ParquetText micros = ParquetText.of(Types.optional(PrimitiveType.PrimitiveTypeName.INT64)
                .as(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS)).named("start"),
                ParquetText.Role.USAGE_START);
        ParquetText date = ParquetText.of(Types.optional(PrimitiveType.PrimitiveTypeName.INT32)
                .as(LogicalTypeAnnotation.dateType()).named("start"), ParquetText.Role.USAGE_START);

        micros.addLong((LocalDate.of(2024, 1, 15).toEpochDay() * 86_400 + 86_399) * 1_000_000L);
        date.addInt((int) LocalDate.of(1969, 12, 31).toEpochDay());

        assertThat(micros.value).isEqualTo("2024-01-15");
        assertThat(date.value).isEqualTo("1969-12-31");
    }

    @Test
    void decimalsInBytesAreExactToTheirScale() {
        ParquetText amount = ParquetText.of(Types.optional(PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(16)
                .as(LogicalTypeAnnotation.decimalType(12, 38)).named("cost"), ParquetText.Role.AMOUNT);

        amount.addBinary(Binary.fromConstantByteArray(new BigInteger("-123456789012345678901234").toByteArray()));

        assertThat(amount.value).isEqualTo("-123456789012.345678901234");
    }

    @Test
    void textThatIsNotUtf8IsABadValueNamingTheColumn() {
        ParquetText name = ParquetText.of(Types.optional(PrimitiveType.PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType()).named("line_item_product_code"), ParquetText.Role.NAME);

        assertThatThrownBy(() -> name.addBinary(Binary.fromConstantByteArray(new byte[]{'A', (byte) 0xff})))
                .isInstanceOf(ParquetText.BadValue.class)
                .hasMessage("line_item_product_code is not UTF-8 text");
    }

    @Test
    void aBooleanCostIsRefusedNamingTheColumnAndTheTypes() {
        assertThatThrownBy(() -> ParquetText.of(Types.optional(PrimitiveType.PrimitiveTypeName.BOOLEAN).named("cost"),
                ParquetText.Role.AMOUNT))
                .hasMessage("column cost is BOOLEAN; an amount must be a DOUBLE, FLOAT, DECIMAL, integer or string");
    }
}
