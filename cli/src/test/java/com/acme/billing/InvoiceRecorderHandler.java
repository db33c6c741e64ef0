package com.acme.billing;

import dev.edp.runtime.common.AwsClients;
import dev.edp.runtime.common.Notification;
import dev.edp.runtime.common.Notifier;
import dev.edp.runtime.events.EventEnvelope;
import dev.edp.runtime.handler.EventConsumer.Invocation;
import dev.edp.runtime.handler.EventConsumerHandler;
import dev.edp.runtime.handler.HandlerContext;
import dev.edp.runtime.idempotency.Idempotency;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.sns.SnsClient;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/** Records each issued invoice once and tells finance. */
public final class InvoiceRecorderHandler extends EventConsumerHandler {

    private final DynamoDbClient dynamo;
    private final String table;
    private final Notifier notifier;
    private final Idempotency once;

    /** What Lambda calls: configuration from the EDP_* variables, clients built once per execution environment. */
    public InvoiceRecorderHandler() {
        this(HandlerContext.forLambda("invoice-recorder"), AwsClients.fromEnvironment());
    }

    private InvoiceRecorderHandler(HandlerContext context, AwsClients aws) {
        this(context, aws.dynamoDb(), aws.sns());
    }

    /** For tests: your own clients (e.g. pointed at moto) and context. */
    public InvoiceRecorderHandler(HandlerContext context, DynamoDbClient dynamo, SnsClient sns) {
        super(context, Set.of("Invoice Issued"));
        this.dynamo = dynamo;
        this.table = context.env().tableName();
        this.notifier = context.notifier(sns);
        this.once = context.idempotency(dynamo);
    }

    @Override
    protected String process(EventEnvelope event, Invocation invocation) {
        String invoiceId = event.text("invoice_id");
        BigDecimal amount = event.detail().path("amount").decimalValue();   // never a double
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of("pk", s("INVOICE#" + invoiceId), "sk", s("INVOICE"),
                            "amount", AttributeValue.builder().n(amount.toPlainString()).build()))
                    .conditionExpression("attribute_not_exists(pk)"));      // a redelivery changes nothing
        } catch (ConditionalCheckFailedException alreadyRecorded) {
            return "already-recorded";
        }
        once.once("invoice-issued#" + invoiceId, invocation.deadline(), () -> notifier.publish(new Notification(
                Notification.Kind.of("invoice-issued"), "billing", Notification.Severity.INFO,
                "Invoice " + invoiceId + " issued", Map.of("invoiceId", invoiceId, "amount", amount.toPlainString()))));
        return "recorded";
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }
}
