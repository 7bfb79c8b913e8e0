package io.periscope.discovery.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.discovery.stats.TopClients;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.ParameterInfo;
import io.periscope.events.catalog.PostureFinding;
import io.periscope.events.catalog.ProbedPath;
import io.periscope.events.catalog.TrafficStats;
import java.util.Map;

/**
 * The invariants of {@link EndpointAggregate}, {@link TrafficAggregate} and {@link ProbedPathAggregate}, checked on
 * what they publish.
 * {@code RecordingOutput} runs it on every snapshot an engine emits, so every catalog test checks them.
 */
public final class CatalogInvariants {
    private CatalogInvariants() {
    }

    public static void assertValid(EndpointSnapshot s) {
        TrafficStats t = s.traffic();
        String what = s.method() + " " + s.pathTemplate() + ": ";
        assertThat(sum(t.statusCodes())).as(what + "calls = sum of status codes").isEqualTo(t.calls());
        assertThat(sum(t.statusClasses())).as(what + "calls = sum of status classes").isEqualTo(t.calls());
        for (Map<String, Long> m : new Map[] {t.statusCodes(), t.statusClasses(), t.requestContentTypes(),
                t.responseContentTypes(), t.authSchemes(), s.responseShapes()}) {
            assertThat(m.size()).as(what + "bounded count map " + m.keySet()).isLessThanOrEqualTo(TrafficAggregate.MAX_MAP_KEYS + 1);
            if (m.size() > TrafficAggregate.MAX_MAP_KEYS) {
                assertThat(m).as(what + "a full map folds into " + TrafficAggregate.OTHER).containsKey(TrafficAggregate.OTHER);
            }
        }
        assertThat(t.unauthenticatedCalls()).as(what + "unauthenticated calls").isBetween(0L, t.calls());
        for (TrafficStats.SizeStats size : new TrafficStats.SizeStats[] {t.requestBytes(), t.responseBytes()}) {
            assertThat(size.count()).as(what + "bodies at most calls").isBetween(0L, t.calls());
            assertThat(size.max()).as(what + "largest body at most the total").isBetween(0L, size.total());
            assertThat(size.partlyScanned()).as(what + "partly scanned bodies at most bodies").isBetween(0L, size.count());
        }
        if (t.calls() > 0) {
            assertThat(s.firstSeenMicros()).as(what + "first seen before last seen").isLessThanOrEqualTo(s.lastSeenMicros());
        }
        for (ParameterInfo p : s.parameters()) {
            assertThat(p.presenceRatio()).as(what + p.name() + " presence").isBetween(0.0, 1.0);
            assertThat(p.examples()).as(what + p.name() + " examples").doesNotHaveDuplicates()
                    .hasSizeLessThanOrEqualTo(ParameterAggregate.MAX_EXAMPLES);
        }
        for (PostureFinding f : s.findings()) {
            assertThat(f.endpointId()).as(what + "finding " + f.id() + " belongs to its endpoint").isEqualTo(s.endpointId());
            assertThat(f.id()).as(what + "finding id embeds the endpoint id")
                    .isEqualTo(Ids.of("finding", s.endpointId(), f.type().name(), f.subject()));
            assertThat(f.firstSeenMicros()).isLessThanOrEqualTo(f.lastSeenMicros());
        }
    }

    /** The invariants of {@link ProbedPathAggregate}: calls = sum of statuses = sum of top clients, bounded clients. */
    public static void assertValid(ProbedPath p) {
        String what = "probed " + p.method() + " " + p.pathTemplate() + ": ";
        assertThat(sum(p.statusCodes())).as(what + "calls = sum of status codes").isEqualTo(p.calls());
        assertThat(p.topClients().stream().mapToLong(ProbedPath.ClientCount::calls).sum()).as(what + "calls = sum of top clients")
                .isEqualTo(p.calls());
        assertThat(p.topClients()).as(what + "top clients bounded").hasSizeLessThanOrEqualTo(TopClients.CAPACITY);
        assertThat(p.firstSeenMicros()).as(what + "first seen before last seen").isLessThanOrEqualTo(p.lastSeenMicros());
    }

    private static long sum(Map<String, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).sum();
    }
}
