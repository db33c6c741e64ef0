package dev.edp.runtime.cur;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB's batch calls with their limits and retries: BatchWriteItem takes 25 requests, BatchGetItem 100 keys,
 * and either may hand back what it did not process under load, which is retried with exponential backoff. What
 * is still unprocessed after the last attempt is an error: the record fails and is retried as a whole, which is
 * safe because every write here is idempotent.
 */
final class DynamoBatches {

    static final int WRITE_LIMIT = 25;
    static final int GET_LIMIT = 100;
    private static final int ATTEMPTS = 8;

    private DynamoBatches() {
    }

    static void writeAll(DynamoDbClient dynamo, String table, List<WriteRequest> requests) {
        for (int from = 0; from < requests.size(); from += WRITE_LIMIT) {
            List<WriteRequest> pending = requests.subList(from, Math.min(requests.size(), from + WRITE_LIMIT));
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > ATTEMPTS) {
                    throw new IllegalStateException("DynamoDB left " + pending.size() + " writes to " + table
                            + " unprocessed after " + ATTEMPTS + " attempts");
                }
                backoff(attempt);
                List<WriteRequest> batch = pending;
                pending = dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, batch)))
                        .unprocessedItems().getOrDefault(table, List.of());
            }
        }
    }

    static List<Map<String, AttributeValue>> getAll(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += GET_LIMIT) {
            List<Map<String, AttributeValue>> pending = keys.subList(from, Math.min(keys.size(), from + GET_LIMIT));
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > ATTEMPTS) {
                    throw new IllegalStateException("DynamoDB left " + pending.size() + " reads of " + table
                            + " unprocessed after " + ATTEMPTS + " attempts");
                }
                backoff(attempt);
                KeysAndAttributes request = KeysAndAttributes.builder().keys(pending).consistentRead(true).build();
                BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(Map.of(table, request)));
                items.addAll(response.responses().getOrDefault(table, List.of()));
                KeysAndAttributes left = response.unprocessedKeys().get(table);
                pending = left == null ? List.of() : left.keys();
            }
        }
        return items;
    }

    /** No wait before the first attempt; then 50 ms, 100 ms, ... up to 3.2 s. */
    private static void backoff(int attempt) {
        if (attempt == 1) {
            return;
        }
        try {
            Thread.sleep(50L << Math.min(attempt - 2, 6));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a DynamoDB batch", e);
        }
    }
}
