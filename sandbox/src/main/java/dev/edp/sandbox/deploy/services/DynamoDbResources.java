package dev.edp.sandbox.deploy.services;

import dev.edp.sandbox.deploy.PendingResource;
import dev.edp.sandbox.deploy.Placed;
import dev.edp.sandbox.deploy.ResourceCreator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The single table: keys, billing mode, KMS encryption, stream, TTL, point-in-time recovery, deletion protection. */
public final class DynamoDbResources implements ResourceCreator {

    static final String TABLE = "aws:dynamodb/table:Table";

    private final DynamoDbClient dynamo;

    public DynamoDbResources(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    @Override
    public Set<String> types() {
        return Set.of(TABLE);
    }

    @Override
    public Placed create(PendingResource r) {
        String name = r.name();
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (Object a : r.list("attributes")) {
            @SuppressWarnings("unchecked") Map<String, Object> attribute = (Map<String, Object>) a;
            attributes.add(AttributeDefinition.builder().attributeName(attribute.get("name").toString())
                    .attributeType(attribute.get("type").toString()).build());
        }
        List<KeySchemaElement> keys = new ArrayList<>();
        keys.add(KeySchemaElement.builder().attributeName(r.required("hashKey")).keyType(KeyType.HASH).build());
        if (r.string("rangeKey") != null) {
            keys.add(KeySchemaElement.builder().attributeName(r.string("rangeKey")).keyType(KeyType.RANGE).build());
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(name)
                .attributeDefinitions(attributes).keySchema(keys)
                .billingMode(r.string("billingMode") == null ? "PROVISIONED" : r.string("billingMode"))
                .deletionProtectionEnabled(r.flag("deletionProtectionEnabled"))
                .tags(r.tags().entrySet().stream().map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList());
        Map<String, Object> sse = r.object("serverSideEncryption");
        if (Boolean.TRUE.equals(sse.get("enabled"))) {
            request.sseSpecification(s -> s.enabled(true).sseType(SSEType.KMS)
                    .kmsMasterKeyId(sse.get("kmsKeyArn") == null ? null : sse.get("kmsKeyArn").toString()));
        }
        if (r.flag("streamEnabled")) {
            request.streamSpecification(s -> s.streamEnabled(true).streamViewType(r.string("streamViewType")));
        }
        TableDescription table = dynamo.createTable(request.build()).tableDescription();
        Map<String, Object> ttl = r.object("ttl");
        if (Boolean.TRUE.equals(ttl.get("enabled"))) {
            dynamo.updateTimeToLive(b -> b.tableName(name).timeToLiveSpecification(t -> t.enabled(true)
                    .attributeName(ttl.get("attributeName").toString())));
        }
        if (Boolean.TRUE.equals(r.object("pointInTimeRecovery").get("enabled"))) {
            dynamo.updateContinuousBackups(b -> b.tableName(name)
                    .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
        }
        r.put("name", name);
        r.put("arn", table.tableArn());
        if (table.latestStreamArn() != null) {
            r.put("streamArn", table.latestStreamArn());
            r.put("streamLabel", table.latestStreamLabel());
        }
        return Placed.onEmulator(name);
    }
}
