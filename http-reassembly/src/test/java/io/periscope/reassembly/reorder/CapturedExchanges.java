package io.periscope.reassembly.reorder;

import io.periscope.events.http.Connection;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.HttpRequest;
import io.periscope.events.http.HttpResponse;
import io.periscope.reassembly.ReassemblyConfig;
import io.periscope.reassembly.support.Harness;
import io.periscope.reassembly.support.Packet;
import io.periscope.reassembly.support.RecordedCapture;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

/**
 * The exchanges of one run of a packet list through a real reassembly sink, in a canonical form that
 * ignores what reordering may legitimately change (timestamps, ids), and the run's gap counters.
 */
record CapturedExchanges(List<String> canonical, List<HttpExchange> exchanges, double gapBytes, double lateSegments,
                         double unpaired) {

    static CapturedExchanges of(List<Packet> packets) {
        return of(packets, b -> { });
    }

    static CapturedExchanges of(List<Packet> packets, Consumer<ReassemblyConfig.Builder> config) {
        Harness h = new Harness(config);
        RecordedCapture.feed(h.sink, packets);
        List<HttpExchange> exchanges = new ArrayList<>(h.exchanges);
        List<String> canonical = exchanges.stream().map(CapturedExchanges::canonical).sorted().toList();
        double gaps = h.metric("bytes.gap{reason=lost}") + h.metric("bytes.gap{reason=acknowledged}")
                + h.metric("bytes.gap{reason=out_of_order_overflow}") + h.metric("bytes.gap{reason=truncated_capture}");
        return new CapturedExchanges(canonical, exchanges, gaps, h.metric("segments.dropped{reason=late}"),
                h.metric("exchanges{pairing=unpaired_request}") + h.metric("exchanges{pairing=unpaired_response}"));
    }

    /** Connection, method, target, status, both bodies and the flags: what must not change. */
    static String canonical(HttpExchange e) {
        Connection c = e.connection();
        StringBuilder b = new StringBuilder()
                .append(c.clientAddress()).append(':').append(c.clientPort()).append(" > ")
                .append(c.serverAddress()).append(':').append(c.serverPort()).append(" | ");
        HttpRequest q = e.request();
        if (q == null) {
            b.append('-');
        } else {
            b.append(q.method()).append(' ').append(q.target()).append(' ').append(body(q.body().content()));
        }
        b.append(" | ");
        HttpResponse r = e.response();
        if (r == null) {
            b.append('-');
        } else {
            b.append(r.status()).append(" (").append(r.informational().size()).append(" interim) ").append(body(r.body().content()));
        }
        return b.append(" | ").append(e.flags().stream().map(Enum::name).sorted().toList()).toString();
    }

    private static String body(byte[] content) {
        return content.length + ":" + Base64.getEncoder().encodeToString(content);
    }
}
