package dev.edp.sandbox.bus;

import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Reads the {@link ForwardTaps} (what the default bus's forwarding rules forward to a custom bus) and delivers each
 * event on that bus with the {@link LocalEventBus}: the hop S3 → default bus → forwarding rule → custom bus, with
 * moto matching the forwarding rule's real pattern and the sandbox doing the custom bus's part.
 */
public final class ForwardedEvents implements AutoCloseable {

    private final TapPoller poller;

    public ForwardedEvents(SqsClient sqs, LocalEventBus bus) {
        this.poller = new TapPoller(sqs, "forwarded",
                (tap, event) -> bus.put(tap.busArn(), event, "forwarded from the default bus"));
    }

    public void start(ForwardTaps taps) {
        poller.start(taps.taps().values());
    }

    @Override
    public void close() {
        poller.close();
    }
}
