package dev.edp.cli.dlq;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalKeyTest {

    private static final String DLQ = "arn:aws:sqs:eu-west-1:123456789012:orders-dlq";

    private static TableDescription table(String partition, ScalarAttributeType partitionType, String sort,
                                          ScalarAttributeType sortType) {
        TableDescription.Builder b = TableDescription.builder().tableName("shop-table");
        if (sort == null) {
            return b.keySchema(KeySchemaElement.builder().attributeName(partition).keyType(KeyType.HASH).build())
                    .attributeDefinitions(AttributeDefinition.builder().attributeName(partition)
                            .attributeType(partitionType).build()).build();
        }
        return b.keySchema(KeySchemaElement.builder().attributeName(partition).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(sort).keyType(KeyType.RANGE).build())
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName(partition).attributeType(partitionType).build(),
                        AttributeDefinition.builder().attributeName(sort).attributeType(sortType).build()).build();
    }

    @Test
    void theTablesOwnKeyNamesAreUsed() {
        JournalKey key = JournalKey.of(table("tenant", ScalarAttributeType.S, "entity", ScalarAttributeType.S));
        assertThat(key.of(DLQ, "m-1")).isEqualTo(Map.of(
                "tenant", AttributeValue.fromS("REDRIVE#" + DLQ), "entity", AttributeValue.fromS("MSG#m-1")));
        assertThat(key.describe(DLQ)).isEqualTo("table shop-table, items tenant=REDRIVE#" + DLQ
                + ", entity=MSG#<message id>");
    }

    @Test
    void withoutASortKeyBothPartsGoIntoThePartitionKey() {
        JournalKey key = JournalKey.of(table("id", ScalarAttributeType.S, null, null));
        assertThat(key.of(DLQ, "m-1")).isEqualTo(Map.of("id", AttributeValue.fromS("REDRIVE#" + DLQ + "#MSG#m-1")));
    }

    @Test
    void nonStringKeysAreRefusedWithEachAttributeNamed() {
        assertThatThrownBy(() -> JournalKey.of(table("tenant", ScalarAttributeType.N, "at", ScalarAttributeType.B)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("table shop-table cannot hold the redrive journal: key attribute tenant is of type N, the "
                        + "journal needs a string (S); key attribute at is of type B, the journal needs a string (S)");
    }
}
