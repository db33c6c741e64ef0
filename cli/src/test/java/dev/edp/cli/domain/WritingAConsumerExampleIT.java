package dev.edp.cli.domain;

import dev.edp.cli.moto.OnMoto;
import com.acme.billing.InvoiceRecorderHandler;
import dev.edp.cli.moto.MotoResources;
import dev.edp.cli.moto.MotoResources.Notified;
import dev.edp.sandbox.functions.LocalContext;
import dev.edp.sandbox.functions.SqsEventSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/writing-a-consumer.md's worked example (its handler class is the one in the document, byte for byte), run
 * on moto as a user's consumer: its own rule, queue, DLQ, schema on the class path.
 */
class WritingAConsumerExampleIT extends OnMoto {

    private static final String CONSUMER = "invoice-recorder";
    private static final String PATTERN = "{\"source\":[\"billing\"],\"detail-type\":[\"Invoice Issued\"]}";



    @Test
    void theDocumentedHandlerRecordsAnInvoiceOnceAndRefusesABadOneToTheDlq() throws Exception {
        DomainOnMoto domain = new DomainOnMoto(aws);
        MotoResources resources = domain.resources;
        MotoResources.Queue dlq = resources.queue(CONSUMER + "-dlq");
        MotoResources.Queue queue = resources.queue(CONSUMER, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1",
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\",\"maxReceiveCount\":\"2\"}"));
        resources.rule(DomainOnMoto.BUS, CONSUMER + "-rule", PATTERN, queue.arn());
        SqsEventSource source = new SqsEventSource(aws.sqs, queue.url(), "us-east-1",
                new InvoiceRecorderHandler(domain.consumer(CONSUMER), aws.dynamo, aws.sns),
                () -> new LocalContext(CONSUMER, 512, 30_000), 10, 1);

        putInvoice("{\"invoice_id\":\"INV-7\",\"amount\":120.10}");
        List<Message> delivered = resources.drain(queue);
        aws.sqs.sendMessage(b -> b.queueUrl(queue.url()).messageBody(delivered.get(0).body()));
        aws.sqs.sendMessage(b -> b.queueUrl(queue.url()).messageBody(delivered.get(0).body()));
        putInvoice("{\"invoice_id\":\"INV-8\"}");
        source.pollUntil(() -> resources.depth(queue) == 0, DomainOnMoto.PATIENCE);

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
        aws.events.putEvents(b -> b.entries(e -> e.eventBusName(DomainOnMoto.BUS).source("billing")
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
