package dev.edp.cli.domain;

import com.acme.billing.InvoiceRecorderHandler;
import dev.edp.cli.moto.MotoClients;
import dev.edp.cli.moto.MotoResources;
import dev.edp.cli.moto.MotoResources.Notified;
import dev.edp.pattern.inputs.ConsumerArgs;
import dev.edp.pattern.inputs.FunctionArgs;
import dev.edp.pattern.inputs.QueueDefaultsArgs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/writing-a-consumer.md's worked example (its handler class is the one in the document, byte for byte), run
 * on moto as a user's consumer: the pattern deploys its rule, queue and DLQ (maxReceiveCount 2, the consumer's own
 * setting) beside the domain's; its schema is on the class path.
 */
class WritingAConsumerExampleIT {

    private static final String CONSUMER = "invoice-recorder";
    private static final String PATTERN = "{\"source\":[\"billing\"],\"detail-type\":[\"Invoice Issued\"]}";

    private static DomainOnMoto domain;
    private static MotoClients aws;

    @BeforeAll
    static void deploy() throws Exception {
        domain = DomainOnMoto.deploy("billing", ConsumerArgs.builder()
                .name(CONSUMER)
                .eventPattern(PATTERN)
                .function(FunctionArgs.builder().handler(InvoiceRecorderHandler.class.getName()).build())
                .queue(QueueDefaultsArgs.builder().maxReceiveCount(2).build())
                .grants("table:read", "table:write", "notifications:publish")
                .build());
        aws = domain.aws;
    }

    @AfterAll
    static void stop() {
        if (domain != null) {
            domain.close();
        }
    }



    @Test
    void theDocumentedHandlerRecordsAnInvoiceOnceAndRefusesABadOneToTheDlq() throws Exception {
        MotoResources resources = domain.resources;
        MotoResources.Queue dlq = domain.deadLetters.get(CONSUMER);
        MotoResources.Queue queue = domain.queues.get(CONSUMER);
        InvoiceRecorderHandler handler = new InvoiceRecorderHandler(domain.consumer(CONSUMER), aws.dynamo, aws.sns);

        putInvoice("{\"invoice_id\":\"INV-7\",\"amount\":120.10}");
        List<Message> delivered = resources.drain(queue);
        aws.sqs.sendMessage(b -> b.queueUrl(queue.url()).messageBody(delivered.get(0).body()));
        aws.sqs.sendMessage(b -> b.queueUrl(queue.url()).messageBody(delivered.get(0).body()));
        putInvoice("{\"invoice_id\":\"INV-8\"}");
        domain.drain(CONSUMER, handler);

        Map<String, AttributeValue> invoice = domain.item("INVOICE#INV-7", "INVOICE");
        // DynamoDB (and moto) drop trailing zeros of numbers: 120.10 is stored as 120.1, the same amount.
        assertThat(new java.math.BigDecimal(invoice.get("amount").n())).isEqualByComparingTo("120.10");
        List<Notified> notified = domain.notifications();
        assertThat(notified).extracting(Notified::kind).containsExactly("invoice-issued");
        assertThat(notified.get(0).source()).isEqualTo("billing");
        assertThat(resources.drain(dlq)).singleElement()
                .satisfies(m -> assertThat(m.body()).contains("INV-8"));
        assertThat(domain.logLines()).anySatisfy(l -> assertThat(l.path("error_message").asText())
                .contains("invoice-issued.json").contains("detail.amount"));
    }

    @Test
    void theDocumentedHandlerIsTheOneTested() throws Exception {
        String document = Files.readString(locate("docs/writing-a-consumer.md"));
        String source = Files.readString(locate("cli/src/test/java/com/acme/billing/InvoiceRecorderHandler.java"));

        assertThat(document).contains(source);
    }

    private void putInvoice(String detail) {
        aws.events.putEvents(b -> b.entries(e -> e.eventBusName(domain.bus).source("billing")
                .detailType("Invoice Issued").detail(detail)));
    }

    private static Path locate(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
