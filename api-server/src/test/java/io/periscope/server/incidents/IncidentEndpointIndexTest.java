package io.periscope.server.incidents;

import io.periscope.discovery.view.CatalogIndex;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.detection.Actor;
import io.periscope.events.detection.EndpointTouch;
import io.periscope.events.detection.Incident;
import io.periscope.events.detection.IncidentChange;
import io.periscope.events.detection.IncidentStatus;
import io.periscope.events.detection.Outcome;
import io.periscope.events.detection.Severity;
import io.periscope.events.detection.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint filter's index: an incident is a candidate for an endpoint exactly when one of its touches names the
 * endpoint's id or could resolve to it (same service, method and segment count); updates and removals keep it exact,
 * and its size stays proportional to the incidents.
 */
class IncidentEndpointIndexTest {
    static final String SHOP = "default|shop.example.test";
    static final String BILLING = "default|billing.example.test";

    private static EndpointSnapshot endpoint(String id, String service, String method, String template) {
        return new EndpointSnapshot(EndpointSnapshot.SCHEMA_VERSION, id, service, "default", "host", method, template,
                1, 2, false, null, null, null, null, null, null, null);
    }

    private static Incident incident(String id, EndpointTouch... touches) {
        return new Incident(Incident.SCHEMA_VERSION, id, 1, IncidentChange.OPENED, IncidentStatus.OPEN,
                new Actor("ip:203.0.113.9", List.of(), List.of(), List.of(), false), List.of("BOLA"), Severity.MEDIUM,
                0.8, Outcome.PROBE, Verdict.MONITOR, "r", 1, 2, 3, 1, List.of(touches), List.of(), List.of(), 2);
    }

    private static EndpointTouch touch(String service, String method, String path) {
        return new EndpointTouch(service, null, method, path, 1);
    }

    final CatalogIndex catalog = new CatalogIndex(10);
    final IncidentEndpointIndex index = new IncidentEndpointIndex();

    Set<String> candidates(String endpointId) {
        return index.candidates(endpointId, new CatalogEndpoints(catalog).shape(endpointId).orElse(null));
    }

    @Test
    void onlyIncidentsWithATouchOfTheSameServiceMethodAndSegmentCountOrTheSameIdAreCandidates() {
        catalog.putEndpoint(endpoint("users-by-id", SHOP, "GET", "/users/{userId}"));
        catalog.putEndpoint(endpoint("login", SHOP, "POST", "/api/login"));
        index.update("bola", incident("bola", touch(SHOP, "GET", "/users/{id}")));
        index.update("put", incident("put", touch(SHOP, "PUT", "/users/{id}")));
        index.update("billing", incident("billing", touch(BILLING, "GET", "/users/{id}")));
        index.update("deeper", incident("deeper", touch(SHOP, "GET", "/users/{id}/orders")));
        index.update("stuffing", incident("stuffing", new EndpointTouch(SHOP, "login", "POST", "/api/login", 40)));
        index.update("none", incident("none"));

        assertThat(candidates("users-by-id")).containsExactly("bola");
        assertThat(candidates("login")).containsExactly("stuffing");
        assertThat(candidates("not-in-catalog")).isEmpty();
    }

    @Test
    void aNewVersionReplacesTheOldOnesTouchesAndARemovalForgetsTheIncident() {
        catalog.putEndpoint(endpoint("users-by-id", SHOP, "GET", "/users/{userId}"));
        catalog.putEndpoint(endpoint("orders", SHOP, "GET", "/orders/{orderId}/items"));
        index.update("inc", incident("inc", touch(SHOP, "GET", "/users/7")));
        assertThat(candidates("users-by-id")).containsExactly("inc");

        index.update("inc", incident("inc", touch(SHOP, "GET", "/orders/7/items")));
        assertThat(candidates("users-by-id")).isEmpty();
        assertThat(candidates("orders")).containsExactly("inc");

        index.update("inc", null);
        assertThat(candidates("orders")).isEmpty();
        assertThat(index.size()).isZero();
        assertThat(index.entries()).isZero();
    }

    @Test
    void theIndexHoldsABoundedNumberOfEntriesPerIncidentWhateverItsTouches() {
        List<EndpointTouch> many = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            many.add(new EndpointTouch(SHOP, "ep-" + i, "GET", "/p" + i + "/x".repeat(i % 7), 1));
        }
        many.add(touch(SHOP, "GET", "/" + "a".repeat(CatalogEndpoints.MAX_PATH_CHARS + 1)));
        for (int n = 0; n < 100; n++) {
            index.update("inc-" + n, incident("inc-" + n, many.toArray(EndpointTouch[]::new)));
            index.update("inc-" + n, incident("inc-" + n, many.toArray(EndpointTouch[]::new)));
        }
        assertThat(index.size()).isEqualTo(100);
        assertThat(index.entries()).isLessThanOrEqualTo(100 * 2 * IncidentEndpointIndex.MAX_TOUCHES);
    }
}
