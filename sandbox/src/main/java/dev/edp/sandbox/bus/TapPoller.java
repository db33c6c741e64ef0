package dev.edp.sandbox.bus;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * Reads the sandbox's tap queues ({@link ForwardTaps}), one daemon thread per tap: each message is an event, handed
 * to the action and then deleted. An error (the emulator restarting, a malformed event) is reported and the poll
 * goes on. {@link ForwardedEvents} and {@link ReplayedEvents} differ only in their action.
 */
final class TapPoller implements AutoCloseable {

    private final SqsClient sqs;
    private final String what;
    private final BiConsumer<ForwardTaps.Tap, BusEvent> action;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    /** @param what what the taps receive, for thread names and messages ({@code forwarded}, {@code replayed}) */
    TapPoller(SqsClient sqs, String what, BiConsumer<ForwardTaps.Tap, BusEvent> action) {
        this.sqs = sqs;
        this.what = what;
        this.action = action;
    }

    void start(Collection<ForwardTaps.Tap> taps) {
        running.set(true);
        for (ForwardTaps.Tap tap : taps) {
            Thread thread = new Thread(() -> poll(tap), what + "-" + tap.busName());
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
                    action.accept(tap, BusEvent.parse(message.body()));
                    sqs.deleteMessage(b -> b.queueUrl(tap.queueUrl()).receiptHandle(message.receiptHandle()));
                }
            } catch (RuntimeException e) {
                if (running.get()) {
                    System.err.println("edp local: reading " + what + " events failed, retrying: " + e.getMessage());
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
