package dev.edp.cli.dlq;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Redrive by this command, for endpoints without message move tasks or when only some messages should go
 * ({@code --max}): per message, claim it in the {@link RedriveJournal} (its id is the dedupe key), send it to the
 * source queue, record that SQS took it, then delete it from the DLQ.
 *
 * <p>Stopped anywhere, nothing is lost: a message leaves the DLQ only after SQS has taken its copy and the journal
 * says so. Nothing is sent twice: a rerun deletes, without sending, every message the journal records as sent. The
 * one state no client can resolve alone is a claim without a confirmed send (the process died while SendMessage was
 * in flight, or between its answer and the journal write): such a message is <em>in doubt</em>, held in the DLQ and
 * reported, and the operator decides ({@link InDoubt}). On a FIFO source queue the copy carries the original id as
 * its deduplication id, so SQS itself drops a second copy sent within its 5-minute window.
 *
 * <p>Copies keep the body, the message group and the message attributes, except EventBridge's delivery-failure
 * attributes (they describe the failed delivery, not the event) and with {@value #REDRIVE_OF} = the original id.
 */
final class CopyRedrive {

    /** The message attribute that links a copy to the dead-lettered original. */
    static final String REDRIVE_OF = "edp-redrive-of";
    static final int SQS_MAX_ATTRIBUTES = 10;

    /** What to do with a message an earlier run claimed but never confirmed sending. */
    enum InDoubt {
        /** Leave it in the DLQ and report it (default). */
        HOLD,
        /** Send it (again, if the earlier send did reach SQS: check the source queue's consumers first). */
        RESEND,
        /** Delete it from the DLQ unsent (the earlier send reached SQS: e.g. the consumer logged its copy). */
        DELETE
    }

    /** Where each message is in its move; a {@link Checkpoint} sees each one. */
    enum Step { CLAIMED, SENT, RECORDED, DELETED }

    /** Observes each step: tests stop a run there by throwing, as a crash would stop it. */
    @FunctionalInterface
    interface Checkpoint {
        Checkpoint NONE = (step, messageId, moved) -> { };

        void reached(Step step, String messageId, int moved);
    }

    /** What to move and how. {@code max} 0 means every message. */
    record Plan(String dlqUrl, String sourceUrl, boolean fifo, int max, InDoubt inDoubt, int visibilitySeconds) {
    }

    /** What the run did. */
    record Outcome(String runId, int moved, int leftoversDeleted, List<String> heldInDoubt, int resentInDoubt,
                   int deletedInDoubt, int deletesDeferred, boolean stopped) {
    }

    private final SqsClient sqs;
    private final RedriveJournal journal;
    private final Checkpoint checkpoint;

    CopyRedrive(SqsClient sqs, RedriveJournal journal, Checkpoint checkpoint) {
        this.sqs = sqs;
        this.journal = journal;
        this.checkpoint = checkpoint;
    }

    /** Moves messages until the DLQ has none visible, {@code plan.max} are moved, or {@code stop} says so. */
    Outcome run(Plan plan, BooleanSupplier stop) {
        Run run = new Run(plan, UUID.randomUUID().toString());
        List<PeekedMessage> held = new ArrayList<>();
        try {
            while (!run.limitReached() && !stop.getAsBoolean()) {
                List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(plan.dlqUrl())
                        .maxNumberOfMessages(Math.min(10, run.remaining())).waitTimeSeconds(1)
                        .visibilityTimeout(plan.visibilitySeconds())
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All")).messages();
                if (batch.isEmpty()) {
                    break;
                }
                for (Message received : batch) {
                    PeekedMessage message = PeekedMessage.of(received);
                    if (run.limitReached() || stop.getAsBoolean()) {
                        held.add(message);
                    } else if (!move(run, message)) {
                        held.add(message);
                    }
                }
            }
        } finally {
            // Held messages (in doubt, or received past the limit) go back to being visible in the DLQ now.
            new DeadLetterPeek(sqs).release(plan.dlqUrl(), held);
        }
        return new Outcome(run.id, run.moved, run.leftovers, List.copyOf(run.inDoubt), run.resent, run.deletedInDoubt,
                run.deletesDeferred, stop.getAsBoolean());
    }

    /** Moves one message; false if it stays in the DLQ (in doubt, held). */
    private boolean move(Run run, PeekedMessage message) {
        String id = message.messageId();
        var existing = journal.claim(id, run.id);
        checkpoint.reached(Step.CLAIMED, id, run.moved);
        if (existing.isPresent()) {
            RedriveJournal.Entry entry = existing.get();
            if (entry.state() == RedriveJournal.State.SENT) {
                // An earlier run sent it and stopped before deleting it: delete, never send again.
                deleteFromDlq(run, message);
                run.leftovers++;
                return true;
            }
            switch (run.plan.inDoubt()) {
                case HOLD -> {
                    run.inDoubt.add(id);
                    return false;
                }
                case DELETE -> {
                    journal.resolvedByDeletion(id);
                    deleteFromDlq(run, message);
                    run.deletedInDoubt++;
                    return true;
                }
                case RESEND -> {
                    journal.reclaim(id, entry.runId(), run.id);
                    run.resent++;
                }
            }
        }
        String copyId = sqs.sendMessage(copy(run.plan, message)).messageId();
        checkpoint.reached(Step.SENT, id, run.moved);
        journal.sent(id, copyId);
        checkpoint.reached(Step.RECORDED, id, run.moved);
        deleteFromDlq(run, message);
        run.moved++;
        checkpoint.reached(Step.DELETED, id, run.moved);
        return true;
    }

    private void deleteFromDlq(Run run, PeekedMessage message) {
        try {
            sqs.deleteMessage(b -> b.queueUrl(run.plan.dlqUrl()).receiptHandle(message.receiptHandle()));
        } catch (SqsException e) {
            // The receipt expired (a slow run): the journal says sent, so the next run deletes it without resending.
            run.deletesDeferred++;
        }
    }

    static SendMessageRequest copy(Plan plan, PeekedMessage message) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>(message.attributes());
        for (String name : DeliveryFailureAttributes.NAMES) {
            attributes.remove(name);
        }
        if (attributes.size() < SQS_MAX_ATTRIBUTES) {
            attributes.put(REDRIVE_OF, MessageAttributeValue.builder().dataType("String")
                    .stringValue(message.messageId()).build());
        }
        SendMessageRequest.Builder send = SendMessageRequest.builder().queueUrl(plan.sourceUrl())
                .messageBody(message.body()).messageAttributes(attributes);
        if (plan.fifo()) {
            send.messageGroupId(message.messageGroupId().orElseThrow(() -> new IllegalStateException(
                    "message " + message.messageId() + " of a FIFO DLQ has no message group")))
                    .messageDeduplicationId(message.messageId());
        }
        return send.build();
    }

    /** The counters of one run. */
    private static final class Run {
        final Plan plan;
        final String id;
        final java.util.Set<String> inDoubt = new java.util.LinkedHashSet<>();
        int moved;
        int leftovers;
        int resent;
        int deletedInDoubt;
        int deletesDeferred;

        Run(Plan plan, String id) {
            this.plan = plan;
            this.id = id;
        }

        boolean limitReached() {
            return plan.max() > 0 && moved >= plan.max();
        }

        int remaining() {
            return plan.max() > 0 ? plan.max() - moved : Integer.MAX_VALUE;
        }
    }
}
