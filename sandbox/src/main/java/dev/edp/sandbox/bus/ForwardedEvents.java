package dev.edp.sandbox.bus;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads the {@link ForwardTaps} (what the default bus's forwarding rules forward to a custom bus) and delivers each
 * event on that bus with the {@link LocalEventBus}: the hop S3 → default bus → forwarding rule → custom bus, with
 * moto matching the forwarding rule's real pattern and the sandbox doing the custom bus's part.
 */
public final class ForwardedEvents implements AutoCloseable {

    private final SqsClient sqs;
    private final LocalEventBus bus;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    public ForwardedEvents(SqsClient sqs, LocalEventBus bus) {
        this.sqs = sqs;
        this.bus = bus;
    }

    public void start(ForwardTaps taps) {
        running.set(true);
        for (ForwardTaps.Tap tap : taps.taps().values()) {
            Thread thread = new Thread(() -> poll(tap), "forwarded-" + tap.busName());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void poll(ForwardTaps.Tap tap) {
        while (running.get()) {
            try {
                List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(tap.queueUrl()).maxNumberOfMessages(10)
                        .waitTimeSeconds(1)).messages();
                for (Message message : messages) {
                    bus.put(tap.busArn(), BusEvent.parse(message.body()), "forwarded from the default bus");
                    sqs.deleteMessage(b -> b.queueUrl(tap.queueUrl()).receiptHandle(message.receiptHandle()));
                }
            } catch (RuntimeException e) {
                if (running.get()) {
                    System.err.println("edp local: reading forwarded events failed, retrying: " + e.getMessage());
                    pause();
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        for (Thread thread : threads) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
