package io.periscope.server.incidents;

import io.periscope.discovery.view.CatalogIndex;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.detection.EndpointTouch;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How an incident's touch finds its catalog endpoint: detection's shape template or the masked request path against
 * the catalog's templates of the same service and method, the most literal template winning.
 */
class CatalogEndpointsTest {
    static final String SHOP = "default|shop.example.test";
    static final String BILLING = "default|billing.example.test";

    private static EndpointSnapshot endpoint(String id, String service, String method, String template) {
        return new EndpointSnapshot(EndpointSnapshot.SCHEMA_VERSION, id, service, "default", "host", method, template,
                1, 2, false, null, null, null, null, null, null, null);
    }

    private static CatalogEndpoints catalog() {
        CatalogIndex index = new CatalogIndex(10);
        index.putEndpoint(endpoint("users-by-id", SHOP, "GET", "/users/{userId}"));
        index.putEndpoint(endpoint("users-me", SHOP, "GET", "/users/me"));
        index.putEndpoint(endpoint("user-put", SHOP, "PUT", "/users/{userId}"));
        index.putEndpoint(endpoint("report-pdf", SHOP, "GET", "/reports/{reportId}.pdf"));
        index.putEndpoint(endpoint("odd", SHOP, "GET", "/search/{q"));
        index.putEndpoint(endpoint("billing-users", BILLING, "GET", "/users/{userId}"));
        return new CatalogEndpoints(index);
    }

    private static Optional<String> resolve(CatalogEndpoints c, String service, String method, String path) {
        return c.resolve(new EndpointTouch(service, null, method, path, 1));
    }

    @Test
    void detectionsShapeTemplateAndAConcretePathBothResolveToTheCatalogsPlaceholderTemplate() {
        CatalogEndpoints c = catalog();
        assertThat(resolve(c, SHOP, "GET", "/users/{id}")).contains("users-by-id");
        assertThat(resolve(c, SHOP, "GET", "/users/4711")).contains("users-by-id");
        assertThat(resolve(c, SHOP, "GET", "/users/[redacted:Email:3f2a]")).contains("users-by-id");
        assertThat(resolve(c, SHOP, "GET", "/users/%34%37")).as("percent-encoded segments are decoded as discovery does")
                .contains("users-by-id");
        assertThat(resolve(c, SHOP, "GET", "/users/4711?page=2")).as("the query is not part of the path").contains("users-by-id");
    }

    @Test
    void aLiteralTemplateBeatsAPlaceholderThatAlsoMatches() {
        assertThat(resolve(catalog(), SHOP, "GET", "/users/me")).contains("users-me");
    }

    @Test
    void serviceMethodSegmentCountAndSuffixMustAgree() {
        CatalogEndpoints c = catalog();
        assertThat(resolve(c, SHOP, "PUT", "/users/{id}")).contains("user-put");
        assertThat(resolve(c, BILLING, "GET", "/users/{id}")).contains("billing-users");
        assertThat(resolve(c, SHOP, "DELETE", "/users/{id}")).isEmpty();
        assertThat(resolve(c, SHOP, "GET", "/users/42/orders")).isEmpty();
        assertThat(resolve(c, SHOP, "GET", "/reports/q3.pdf")).contains("report-pdf");
        assertThat(resolve(c, SHOP, "GET", "/reports/q3.csv")).isEmpty();
        assertThat(resolve(c, "default|unknown.example.test", "GET", "/users/1")).isEmpty();
    }

    @Test
    void aTemplateThatIsNoPatternMatchesOnlyItsOwnSpellingAndHostileTouchesNameNothing() {
        CatalogEndpoints c = catalog();
        assertThat(resolve(c, SHOP, "GET", "/search/{q")).contains("odd");
        assertThat(resolve(c, SHOP, "GET", "/search/shoes")).isEmpty();
        assertThat(resolve(c, SHOP, "GET", "/users/" + "9".repeat(CatalogEndpoints.MAX_PATH_CHARS))).isEmpty();
        assertThat(c.resolve(new EndpointTouch(SHOP, null, null, "/users/1", 1))).isEmpty();
        assertThat(c.resolve(new EndpointTouch(SHOP, null, "GET", null, 1))).isEmpty();
    }

    @Test
    void anIdDetectionAlreadyGaveIsKeptWhenTheCatalogHoldsItAndNamesTheEndpointForTheFilter() {
        CatalogEndpoints c = catalog();
        assertThat(c.resolve(new EndpointTouch(SHOP, "users-me", "GET", "/anything", 1))).contains("users-me");
        assertThat(c.resolve(new EndpointTouch(SHOP, "merged-away", "GET", "/users/7", 1))).contains("users-by-id");

        EndpointTouch touch = new EndpointTouch(SHOP, null, "GET", "/users/{id}", 3);
        assertThat(c.names(touch, "users-by-id")).isTrue();
        assertThat(c.names(touch, "users-me")).isFalse();
        assertThat(c.names(touch, "billing-users")).as("another service's endpoint of the same template").isFalse();
        assertThat(c.names(touch, "no-such-endpoint")).isFalse();
    }
}
