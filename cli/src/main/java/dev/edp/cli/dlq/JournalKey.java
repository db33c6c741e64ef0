package dev.edp.cli.dlq;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a redrive journal item is keyed in the stack's table, read from the table's own key schema: the pattern lets
 * a program name the table's partition and sort keys ({@code TableArgs.partitionKey}, {@code sortKey}), leave the
 * sort key out, or bring an existing table, so the journal cannot assume {@code pk}/{@code sk}. With a sort key the item is
 * {@code <partition> = REDRIVE#<dlq arn>}, {@code <sort> = MSG#<message id>}; without one both parts go into the
 * partition key. Either way the prefix keeps journal items apart from every other item of the table.
 */
record JournalKey(String table, String partitionAttribute, Optional<String> sortAttribute) {

    /** The key of a table whose key attributes are strings; every problem with its schema named at once. */
    static JournalKey of(TableDescription description) {
        String table = description.tableName();
        Map<String, ScalarAttributeType> types = new java.util.HashMap<>();
        for (AttributeDefinition d : description.attributeDefinitions()) {
            types.put(d.attributeName(), d.attributeType());
        }
        String partition = null;
        String sort = null;
        for (KeySchemaElement k : description.keySchema()) {
            if (k.keyType() == KeyType.HASH) {
                partition = k.attributeName();
            } else if (k.keyType() == KeyType.RANGE) {
                sort = k.attributeName();
            }
        }
        List<String> problems = new ArrayList<>();
        if (partition == null) {
            problems.add("it has no partition (HASH) key");
        }
        for (String attribute : new String[] {partition, sort}) {
            if (attribute != null && types.get(attribute) != ScalarAttributeType.S) {
                problems.add("key attribute " + attribute + " is of type " + types.get(attribute)
                        + ", the journal needs a string (S)");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("table " + table + " cannot hold the redrive journal: "
                    + String.join("; ", problems));
        }
        return new JournalKey(table, partition, Optional.ofNullable(sort));
    }

    /** The item key of one dead-lettered message of this DLQ. */
    Map<String, AttributeValue> of(String dlqArn, String messageId) {
        String partition = "REDRIVE#" + dlqArn;
        String sort = "MSG#" + messageId;
        return sortAttribute
                .map(s -> Map.of(partitionAttribute, AttributeValue.fromS(partition), s, AttributeValue.fromS(sort)))
                .orElseGet(() -> Map.of(partitionAttribute, AttributeValue.fromS(partition + "#" + sort)));
    }

    /** What {@code describe} prints: where the journal's items are. */
    String describe(String dlqArn) {
        return "table " + table + ", items " + partitionAttribute + "=REDRIVE#" + dlqArn
                + sortAttribute.map(s -> ", " + s + "=MSG#<message id>").orElse("#MSG#<message id>");
    }
}
