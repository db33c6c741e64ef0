package dev.edp.runtime.testing;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A DynamoDB client that answers as each test scripts it and keeps every request. It models no table: handler unit
 * tests check what a handler asks and how it reacts to DynamoDB's answers (a condition that failed, a cancelled
 * transaction); the real conditional semantics are exercised on moto in cli's tests.
 */
public final class ScriptedDynamo implements DynamoDbClient {

    public final List<Object> requests = new ArrayList<>();
    public Function<PutItemRequest, PutItemResponse> putItem = r -> PutItemResponse.builder().build();
    public Function<UpdateItemRequest, UpdateItemResponse> updateItem = r -> UpdateItemResponse.builder().build();
    public Function<GetItemRequest, GetItemResponse> getItem = r -> GetItemResponse.builder().build();
    public Function<DeleteItemRequest, DeleteItemResponse> deleteItem = r -> DeleteItemResponse.builder().build();
    public Function<TransactWriteItemsRequest, TransactWriteItemsResponse> transactWriteItems =
            r -> TransactWriteItemsResponse.builder().build();
    public Function<BatchGetItemRequest, BatchGetItemResponse> batchGetItem = r -> BatchGetItemResponse.builder().build();

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        requests.add(request);
        return putItem.apply(request);
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        requests.add(request);
        return updateItem.apply(request);
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        requests.add(request);
        return getItem.apply(request);
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        requests.add(request);
        return deleteItem.apply(request);
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        requests.add(request);
        return transactWriteItems.apply(request);
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        requests.add(request);
        return batchGetItem.apply(request);
    }

    /** The requests of one type, in order. */
    public <T> List<T> requests(Class<T> type) {
        return requests.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** What DynamoDB throws when a write's condition does not hold, with the item as it is when asked for. */
    public static ConditionalCheckFailedException conditionFailed(Map<String, AttributeValue> item) {
        return ConditionalCheckFailedException.builder().message("The conditional request failed").item(item).build();
    }

    /** What DynamoDB throws when a transaction is cancelled: one code per write ("None" for the ones that held). */
    public static TransactionCanceledException cancelled(String... codes) {
        return TransactionCanceledException.builder().message("Transaction cancelled")
                .cancellationReasons(Arrays.stream(codes).map(c -> CancellationReason.builder().code(c).build()).toList())
                .build();
    }

    public static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    public static AttributeValue n(String value) {
        return AttributeValue.builder().n(value).build();
    }

    @Override
    public String serviceName() {
        return "dynamodb";
    }

    @Override
    public void close() {
    }
}
