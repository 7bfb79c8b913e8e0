package io.periscope.alerts.delivery;

import io.periscope.alerts.destination.Destination;
import io.periscope.alerts.destination.DestinationStore;
import io.periscope.alerts.format.Formats;
import io.periscope.alerts.outbox.OutboxEntry;
import io.periscope.alerts.safety.DestinationGuard;
import io.periscope.alerts.safety.RefusedDestinationException;
import io.periscope.alerts.sign.SignedHeaders;
import io.periscope.alerts.sign.WebhookSigner;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;

/**
 * Sends one alert to one destination: renders the body in the destination's format, signs it with every active
 * secret, resolves and checks the host now, and posts to the checked address. Thread-safe; called from the sender
 * threads and by the API's test route.
 */
public final class WebhookSender {
    private final DestinationStore store;
    private final DestinationGuard guard;
    private final Formats formats;
    private final PinnedHttpClient http;

    public WebhookSender(DestinationStore store, DestinationGuard guard, Formats formats, PinnedHttpClient http) {
        this.store = store;
        this.guard = guard;
        this.formats = formats;
        this.http = http;
    }

    public Attempt send(Destination destination, OutboxEntry entry, long nowMillis) {
        URI uri;
        InetAddress address;
        try {
            uri = guard.checkUrl(destination.url());
            address = guard.resolve(uri);
        } catch (RefusedDestinationException e) {
            return new Attempt(entry.webhookId(), DeliveryResult.REFUSED, null, e.getMessage());
        }
        byte[] body = formats.body(destination.format(), entry, store.routingKey(destination).orElse(null), nowMillis);
        SignedHeaders signed = WebhookSigner.sign(entry.webhookId(), nowMillis / 1000, body,
                store.signingSecrets(destination, nowMillis));
        Map<String, String> headers = new LinkedHashMap<>(destination.headers());
        headers.put(SignedHeaders.ID, signed.id());
        headers.put(SignedHeaders.TIMESTAMP, Long.toString(signed.timestamp()));
        headers.put(SignedHeaders.SIGNATURE, signed.signature());
        try {
            HttpAnswer answer = http.post(uri, address, headers, body);
            return new Attempt(entry.webhookId(), DeliveryResult.ofStatus(answer.status()), answer, null);
        } catch (SSLHandshakeException e) {
            // retried: the alert stays on the outbox, so once the CA is added and Periscope restarted it is delivered
            return new Attempt(entry.webhookId(), DeliveryResult.RETRY, null, "TLS handshake failed: the receiver's"
                    + " certificate is not trusted (add its CA with periscope.alerts.trust-store) or does not name "
                    + uri.getHost() + ": " + bounded(String.valueOf(e.getMessage())));
        } catch (IOException e) {
            // the exception's class and message name the failure (timeout, refused, TLS); they never hold the body
            return new Attempt(entry.webhookId(), DeliveryResult.RETRY, null, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + bounded(e.getMessage())));
        }
    }

    private static String bounded(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200);
    }
}
