package io.periscope.discovery.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.discovery.testing.ExchangeBuilder;
import io.periscope.discovery.testing.RecordingOutput;
import io.periscope.events.catalog.ChangeType;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.FindingType;
import io.periscope.events.catalog.ParameterInfo;
import io.periscope.events.catalog.ParameterLocation;
import io.periscope.events.catalog.TemplateRule;
import io.periscope.events.catalog.TemplateRuleSet;
import io.periscope.events.http.JwtInfo;
import io.periscope.events.kafka.EventJson;
import io.periscope.events.time.EpochMicros;
import io.periscope.events.time.ManualClock;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogEngineTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CatalogEngine engine = new CatalogEngine(DiscoveryConfig.defaults(), new DiscoveryMetrics(registry), InstantSource.system());
    private final RecordingOutput out = new RecordingOutput();
    private static final long NOW = 1_700_000_100_000_000L;

    private static final JwtInfo GOOD_JWT = new JwtInfo("RS256", null, "JWT", "https://idp.example.test", "42", List.of(), 1_900_000_000L, null, null);

    private void accept(ExchangeBuilder b) {
        engine.accept(b.build(), out);
    }

    private static ParameterInfo param(EndpointSnapshot s, ParameterLocation loc, String name) {
        return s.parameters().stream().filter(p -> p.location() == loc && p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + loc + " " + name + " in " + s.parameters().stream()
                        .map(p -> p.location() + " " + p.name()).toList()));
    }

    @Test
    void catalogsParametersTypesPresenceEnumsAndMaskedSensitiveData() {
        for (int i = 0; i < 12; i++) {
            ExchangeBuilder b = ExchangeBuilder.request("GET", "/api/v1/customers/" + (100 + i) + "?expand=orders&status=" + (i % 2 == 0 ? "active" : "closed")
                            + (i % 3 == 0 ? "&page=2" : ""))
                    .bearer("Bearer", GOOD_JWT).client("10.0.0." + i)
                    .respondJson("{\"id\":" + (100 + i) + ",\"email\":\"customer" + i + "@example.org\",\"created\":\"2024-01-0" + (1 + i % 9)
                            + "T10:00:00Z\",\"card\":{\"number\":\"4111111111111111\",\"expiry\":\"12/29\"},\"tags\":[{\"name\":\"vip\"}],"
                            + "\"score\":" + i + ".5,\"active\":true}");
            accept(b);
        }
        engine.flush(NOW, out);
        EndpointSnapshot s = out.endpoint("GET", "/api/v1/customers/{customerId}");
        assertThat(s.traffic().calls()).isEqualTo(12);
        assertThat(s.traffic().statusClasses()).containsEntry("2xx", 12L);
        assertThat(s.traffic().authSchemes()).containsEntry("Bearer", 12L);
        assertThat(s.traffic().unauthenticatedCalls()).isZero();
        assertThat(s.traffic().distinctClients()).isEqualTo(12);
        assertThat(s.traffic().latencyP50Micros()).isBetween(1400L, 1600L);

        assertThat(param(s, ParameterLocation.PATH, "customerId").type()).isEqualTo("integer");
        ParameterInfo status = param(s, ParameterLocation.QUERY, "status");
        assertThat(status.enumValues()).containsExactlyInAnyOrder("active", "closed");
        assertThat(status.presenceRatio()).isEqualTo(1.0);
        ParameterInfo page = param(s, ParameterLocation.QUERY, "page");
        assertThat(page.type()).isEqualTo("integer");
        assertThat(page.presenceRatio()).isEqualTo(4.0 / 12);
        ParameterInfo email = param(s, ParameterLocation.RESPONSE_BODY, "$.email");
        assertThat(email.status()).isEqualTo(200);
        assertThat(email.format()).isEqualTo("email");
        assertThat(email.sensitiveTypes()).containsExactly("email");
        assertThat(email.examples()).allMatch(e -> e.startsWith("c***@"));
        assertThat(param(s, ParameterLocation.RESPONSE_BODY, "$.created").format()).isEqualTo("date-time");
        assertThat(param(s, ParameterLocation.RESPONSE_BODY, "$.tags[*].name").type()).isEqualTo("string");
        assertThat(param(s, ParameterLocation.RESPONSE_BODY, "$.tags").type()).isEqualTo("array");
        assertThat(param(s, ParameterLocation.RESPONSE_BODY, "$.score").type()).isEqualTo("number");
        assertThat(param(s, ParameterLocation.RESPONSE_BODY, "$.active").type()).isEqualTo("boolean");
        assertThat(s.sensitiveData()).extracting(d -> d.type()).containsExactlyInAnyOrder("email", "payment_card", "card_expiry");
        assertThat(s.sensitiveData()).filteredOn(d -> d.type().equals("payment_card"))
                .singleElement().satisfies(d -> {
                    assertThat(d.maskedExample()).isEqualTo("4111 **** **** 1111");
                    assertThat(d.count()).isEqualTo(12);
                    assertThat(d.location()).isEqualTo(ParameterLocation.RESPONSE_BODY);
                    assertThat(d.name()).isEqualTo("$.card.number");
                });
        assertThat(s.findings()).as("authenticated calls").isEmpty();
    }

    @Test
    void noRawSensitiveValueReachesTheSnapshot() throws Exception {
        accept(ExchangeBuilder.request("POST", "/signup").jsonBody("{\"email\":\"jane.doe@example.org\",\"password\":\"hunter2-secret\","
                + "\"ssn\":\"123-45-6789\",\"card\":\"4111111111111111\",\"phone\":\"+14155552671\",\"iban\":\"DE89370400440532013000\"}")
                .status(201).respondJson("{\"ok\":true}"));
        engine.flush(NOW, out);
        String json = EventJson.mapper().writeValueAsString(out.endpoints.values());
        assertThat(json).doesNotContain("jane.doe@", "hunter2", "123-45-6789", "4111111111111111", "+14155552671", "DE89370400440532013000");
        EndpointSnapshot s = out.endpoint("POST", "/signup");
        assertThat(s.sensitiveData()).extracting(d -> d.type())
                .contains("email", "password", "us_ssn", "payment_card", "phone", "iban");
    }

    @Test
    void valuesTheSensorMaskedOrRedactedAreCatalogedByTypeWithMaskedExamplesOnly() throws Exception {
        accept(ExchangeBuilder.request("POST", "/signup").jsonBody("{\"email\":\"[masked:email:j***@example.org]\","
                + "\"password\":\"[redacted:Password:00112233445566778899aabbccddeeff]\",\"ssn\":\"[masked:us_ssn:***-**-6789]\","
                + "\"card\":\"[masked:payment_card:4111 **** **** 1111]\",\"iban\":\"[masked:iban:DE89 **** **** 3000]\","
                + "\"nick\":\"jd\"}")
                .status(201).respondJson("{\"accessToken\":\"[redacted:Jwt:ffeeddccbbaa99887766554433221100]\"}"));
        engine.flush(NOW, out);
        EndpointSnapshot s = out.endpoint("POST", "/signup");
        assertThat(s.sensitiveData()).extracting(d -> d.type())
                .containsExactlyInAnyOrder("email", "password", "us_ssn", "payment_card", "iban", "jwt");
        assertThat(param(s, ParameterLocation.REQUEST_BODY, "$.email").examples()).containsExactly("j***@example.org");
        assertThat(param(s, ParameterLocation.REQUEST_BODY, "$.card").examples()).containsExactly("4111 **** **** 1111");
        assertThat(param(s, ParameterLocation.REQUEST_BODY, "$.password").examples()).containsExactly("[redacted]");
        assertThat(param(s, ParameterLocation.REQUEST_BODY, "$.nick").sensitiveTypes()).isEmpty();
        String json = EventJson.mapper().writeValueAsString(out.endpoints.values());
        // fingerprints belong to detection: the catalog shows neither a password's nor a token's
        assertThat(json).doesNotContain("00112233445566778899aabbccddeeff", "ffeeddccbbaa99887766554433221100");
    }

    @Test
    void aTokenIssuedInAResponseOrAPasswordSubmittedInABodyIsNotTheRequestsAuthentication() {
        accept(ExchangeBuilder.request("POST", "/sign-in")
                .jsonBody("{\"user\":\"jd\",\"password\":\"[redacted:Password:00112233445566778899aabbccddeeff]\"}")
                .passwordInRequestBody("/password").issuedInResponseBody("/accessToken", "Jwt")
                .respondJson("{\"accessToken\":\"[redacted:Jwt:ffeeddccbbaa99887766554433221100]\"}"));
        engine.flush(NOW, out);
        EndpointSnapshot s = out.endpoint("POST", "/sign-in");
        assertThat(s.traffic().authSchemes()).isEmpty();
        assertThat(s.traffic().unauthenticatedCalls()).isEqualTo(1);
    }

    @Test
    void postureFindingsCarryMaskedEvidenceAndRemediation() {
        accept(ExchangeBuilder.request("GET", "/public/profile/7").respondJson("{\"email\":\"jane.doe@example.org\"}"));
        accept(ExchangeBuilder.request("GET", "/search?api_key=abc&email=jane.doe%40example.org").apiKeyInQuery("api_key")
                .respondJson("{\"results\":[]}"));
        accept(ExchangeBuilder.request("GET", "/me").bearer("Bearer", new JwtInfo("none", null, null, null, "1", List.of(), null, null, null))
                .respondJson("{}"));
        accept(ExchangeBuilder.request("GET", "/me2").bearer("Bearer", new JwtInfo("HS256", null, null, null, "1", List.of(), null, null, null))
                .respondJson("{}"));
        accept(ExchangeBuilder.request("GET", "/crash").bearer("Bearer", GOOD_JWT).status(500).respond("text/plain",
                "java.lang.IllegalStateException: no order for jane.doe@example.org\n\tat com.acme.shop.OrderService.load(OrderService.java:42)\n\tat x.y(Z.java:1)"));
        engine.flush(NOW, out);
        assertThat(out.findings.values()).extracting(f -> f.type()).containsExactlyInAnyOrder(
                FindingType.SENSITIVE_DATA_WITHOUT_AUTH, FindingType.CREDENTIAL_IN_URL, FindingType.SENSITIVE_DATA_IN_URL,
                FindingType.JWT_ALG_NONE, FindingType.JWT_WITHOUT_EXPIRY, FindingType.STACK_TRACE_IN_RESPONSE);
        assertThat(out.findings.values()).allSatisfy(f -> {
            assertThat(f.remediation()).isNotBlank();
            assertThat(f.evidence()).doesNotContain("jane.doe@");
        });
        assertThat(out.findings.values()).filteredOn(f -> f.type() == FindingType.SENSITIVE_DATA_WITHOUT_AUTH).singleElement()
                .satisfies(f -> assertThat(f.evidence()).isEqualTo("$.email=j***@example.org"));
        assertThat(out.findings.values()).filteredOn(f -> f.type() == FindingType.STACK_TRACE_IN_RESPONSE).singleElement()
                .satisfies(f -> assertThat(f.evidence()).isEqualTo("java.lang.IllegalStateException: no order for ***@***"));
    }

    @Test
    void changesForNewServiceEndpointParameterSensitiveTypeAndAuth() {
        accept(ExchangeBuilder.request("GET", "/orders/1").bearer("Bearer", GOOD_JWT).respondJson("{\"id\":1}"));
        accept(ExchangeBuilder.request("GET", "/orders/2?verbose=true").bearer("Bearer", GOOD_JWT).respondJson("{\"id\":2}"));
        accept(ExchangeBuilder.request("GET", "/orders/3").respondJson("{\"id\":3,\"email\":\"a.b@example.org\"}"));
        assertThat(out.changes(ChangeType.NEW_SERVICE)).singleElement().satisfies(c -> assertThat(c.serviceKey()).isEqualTo("prod|api.example.test"));
        assertThat(out.changes(ChangeType.NEW_ENDPOINT)).singleElement().satisfies(c -> assertThat(c.pathTemplate()).isEqualTo("/orders/{orderId}"));
        assertThat(out.changes(ChangeType.NEW_PARAMETER)).extracting(c -> c.subject())
                .containsExactlyInAnyOrder("QUERY verbose", "RESPONSE_BODY 200 $.email");
        assertThat(out.changes(ChangeType.NEW_SENSITIVE_DATA)).singleElement().satisfies(c -> {
            assertThat(c.subject()).isEqualTo("email in RESPONSE_BODY $.email");
            assertThat(c.after()).isEqualTo("a***@example.org");
        });
        assertThat(out.changes(ChangeType.AUTH_CHANGED)).singleElement().satisfies(c -> {
            assertThat(c.before()).contains("always authenticated");
            assertThat(c.after()).isEqualTo("called without credentials");
        });
    }

    @Test
    void anExchangeWithoutCaptureTimeIsStampedWithTheInjectedClock() {
        ManualClock clock = new ManualClock(Instant.parse("2027-03-01T10:00:00.000123Z"));
        CatalogEngine e = new CatalogEngine(DiscoveryConfig.defaults(), new DiscoveryMetrics(registry), clock);
        e.accept(ExchangeBuilder.request("GET", "/untimed").untimed().build(), out);
        e.flush(EpochMicros.now(clock), out);
        assertThat(out.changes(ChangeType.NEW_ENDPOINT)).singleElement()
                .satisfies(c -> assertThat(c.atMicros()).isEqualTo(EpochMicros.now(clock)));
        assertThat(out.endpoint("GET", "/untimed").firstSeenMicros()).isEqualTo(EpochMicros.now(clock));
    }

    @Test
    void staleEndpointsAreReportedOnceAndReviveWhenSeenAgain() {
        CatalogEngine e = new CatalogEngine(io.periscope.discovery.testing.TestConfigs.staleAfter(java.time.Duration.ofHours(1)),
                new DiscoveryMetrics(registry), InstantSource.system());
        long t0 = 1_700_000_000_000_000L;
        e.accept(ExchangeBuilder.request("GET", "/old").at(t0).build(), out);
        e.flush(t0 + 30 * 60_000_000L, out);
        assertThat(out.changes(ChangeType.ENDPOINT_STALE)).isEmpty();
        e.flush(t0 + 2 * 3_600_000_000L, out);
        e.flush(t0 + 3 * 3_600_000_000L, out);
        assertThat(out.changes(ChangeType.ENDPOINT_STALE)).hasSize(1);
        assertThat(out.endpoint("GET", "/old").stale()).isTrue();
        e.accept(ExchangeBuilder.request("GET", "/old").at(t0 + 4 * 3_600_000_000L).build(), out);
        e.flush(t0 + 4 * 3_600_000_000L, out);
        assertThat(out.changes(ChangeType.ENDPOINT_REVIVED)).hasSize(1);
        assertThat(out.endpoint("GET", "/old").stale()).isFalse();
    }

    @Test
    void siblingSlugsWithOneShapeAreLearnedAsOneEndpointAndKeepStatistics() {
        String[] slugs = {"zx-fr4k", "qw-pl9m", "ab-cd3e", "kk-x7yz", "mn-op2q", "rt-yu8i"};
        for (String slug : slugs) {
            accept(ExchangeBuilder.request("GET", "/catalog/items/" + slug).respondJson("{\"sku\":\"" + slug + "\",\"price\":10}"));
        }
        accept(ExchangeBuilder.request("GET", "/org/onboardingStatus").respondJson("{\"done\":true}"));
        engine.flush(NOW, out);
        EndpointSnapshot merged = out.endpoint("GET", "/catalog/items/{itemId}");
        assertThat(merged.traffic().calls()).isEqualTo(6);
        assertThat(merged.mergedFrom()).hasSize(6);
        assertThat(out.removed).hasSize(6);
        assertThat(out.endpoints.values()).extracting(EndpointSnapshot::pathTemplate)
                .containsExactlyInAnyOrder("/catalog/items/{itemId}", "/org/onboardingStatus");
        assertThat(out.changes(ChangeType.ENDPOINTS_MERGED)).hasSize(1);
        // later traffic lands on the learned template and keeps its id
        accept(ExchangeBuilder.request("GET", "/catalog/items/new-s1ug9").respondJson("{\"sku\":\"x\",\"price\":1}"));
        engine.flush(NOW, out);
        assertThat(out.endpoint("GET", "/catalog/items/{itemId}").endpointId()).isEqualTo(merged.endpointId());
        assertThat(out.endpoint("GET", "/catalog/items/{itemId}").traffic().calls()).isEqualTo(7);
    }

    @Test
    void userMergeRuleMergesExistingEndpointsAndSurvivesRestore() {
        accept(ExchangeBuilder.request("GET", "/shop/blue-hat").respondJson("{\"a\":1}"));
        accept(ExchangeBuilder.request("GET", "/shop/red-shoe").respondJson("{\"a\":1}"));
        engine.flush(NOW, out);
        assertThat(out.endpoints).hasSize(2);
        engine.applyRules(new TemplateRuleSet(1, "prod|api.example.test",
                List.of(new TemplateRule("r1", TemplateRule.Action.MERGE, "GET", "/shop/{slug}", "analyst", 0))), out);
        engine.flush(NOW, out);
        assertThat(out.endpoints.values()).extracting(EndpointSnapshot::pathTemplate).containsExactly("/shop/{slug}");
        assertThat(out.endpoint("GET", "/shop/{slug}").traffic().calls()).isEqualTo(2);

        CatalogEngine restored = new CatalogEngine(DiscoveryConfig.defaults(), new DiscoveryMetrics(registry), InstantSource.system());
        out.services.values().forEach(restored::restoreService);
        out.endpoints.values().forEach(restored::restoreEndpoint);
        RecordingOutput out2 = new RecordingOutput();
        restored.accept(ExchangeBuilder.request("GET", "/shop/green-cap").respondJson("{\"a\":1}").build(), out2);
        restored.flush(NOW, out2);
        assertThat(out2.endpoint("GET", "/shop/{slug}").traffic().calls()).isEqualTo(3);
        assertThat(out2.changes(ChangeType.NEW_ENDPOINT)).isEmpty();
    }

    @Test
    void findingsOfEndpointsMergedByARuleAreTombstonedWhileTheSurvivorCarriesThem() {
        // an unauthenticated 2xx with an e-mail address raises SENSITIVE_DATA_WITHOUT_AUTH on each slug endpoint
        accept(ExchangeBuilder.request("GET", "/shop/blue-hat").respondJson("{\"owner\":\"ann@example.org\"}"));
        accept(ExchangeBuilder.request("GET", "/shop/red-shoe").respondJson("{\"owner\":\"bob@example.org\"}"));
        engine.flush(NOW, out);
        List<String> before = List.copyOf(out.findings.keySet());
        assertThat(before).hasSize(2);

        engine.applyRules(new TemplateRuleSet(1, "prod|api.example.test",
                List.of(new TemplateRule("r1", TemplateRule.Action.MERGE, "GET", "/shop/{slug}", "analyst", 0))), out);
        engine.flush(NOW, out);

        String survivor = out.endpoint("GET", "/shop/{slug}").endpointId();
        assertThat(out.resolvedFindings).containsExactlyInAnyOrderElementsOf(before);
        assertThat(out.findings.values()).singleElement().satisfies(f -> {
            assertThat(f.endpointId()).isEqualTo(survivor);
            assertThat(f.type()).isEqualTo(FindingType.SENSITIVE_DATA_WITHOUT_AUTH);
            assertThat(f.count()).isEqualTo(2);
            assertThat(before).doesNotContain(f.id());
        });
    }

    @Test
    void findingsOfLearnedMergeMembersAreResolvedInTheFlushThatMergesThem() {
        String[] slugs = {"zx-fr4k", "qw-pl9m", "ab-cd3e", "kk-x7yz", "mn-op2q", "rt-yu8i"};
        for (int i = 0; i < slugs.length; i++) {
            accept(ExchangeBuilder.request("GET", "/catalog/items/" + slugs[i]).respondJson("{\"sku\":\"" + slugs[i]
                    + "\",\"seller\":\"s" + i + "@example.org\"}"));
            if (i == 3) {
                // four siblings are below min-siblings: their findings are published as they are
                engine.flush(NOW, out);
                assertThat(out.findings).hasSize(4);
            }
        }
        RecordingOutput mergeFlush = new RecordingOutput();
        engine.flush(NOW, mergeFlush);

        assertThat(mergeFlush.removed).hasSize(6);
        assertThat(mergeFlush.resolvedFindings).hasSize(6).containsAll(out.findings.keySet());
        String survivor = mergeFlush.endpoint("GET", "/catalog/items/{itemId}").endpointId();
        assertThat(mergeFlush.findings.values()).singleElement().satisfies(f -> {
            assertThat(f.endpointId()).isEqualTo(survivor);
            assertThat(f.count()).isEqualTo(6);
        });
    }

    @Test
    void ruleSetOfANewerSchemaIsCountedAndLeavesTheRulesInForce() {
        accept(ExchangeBuilder.request("GET", "/shop/blue-hat").respondJson("{\"a\":1}"));
        accept(ExchangeBuilder.request("GET", "/shop/red-shoe").respondJson("{\"a\":1}"));
        engine.flush(NOW, out);
        engine.applyRules(new TemplateRuleSet(TemplateRuleSet.SCHEMA_VERSION + 1, "prod|api.example.test",
                List.of(new TemplateRule("r1", TemplateRule.Action.MERGE, "GET", "/shop/{slug}", "analyst", 0))), out);
        engine.flush(NOW, out);

        assertThat(out.endpoints.values()).extracting(EndpointSnapshot::pathTemplate)
                .containsExactlyInAnyOrder("/shop/blue-hat", "/shop/red-shoe");
        assertThat(out.removed).isEmpty();
        assertThat(registry.get("periscope.discovery.rules.rejected").tag("reason", "unsupported_schema").counter().count()).isEqualTo(1);
    }

    @Test
    void snapshotRoundTripKeepsHistogramSketchAndCounts() {
        for (int i = 0; i < 50; i++) {
            accept(ExchangeBuilder.request("GET", "/items/" + i + "?q=x").client("10.1.0." + i).latency(1000L * (i + 1)).respondJson("{\"id\":1}"));
        }
        engine.flush(NOW, out);
        EndpointSnapshot before = out.endpoint("GET", "/items/{itemId}");
        CatalogEngine restored = new CatalogEngine(DiscoveryConfig.defaults(), new DiscoveryMetrics(registry), InstantSource.system());
        restored.restoreEndpoint(before);
        EndpointSnapshot after = restored.snapshot(before.endpointId());
        assertThat(after.traffic().latencyP90Micros()).isEqualTo(before.traffic().latencyP90Micros());
        assertThat(after.traffic().distinctClients()).isEqualTo(before.traffic().distinctClients()).isBetween(48L, 52L);
        assertThat(after.parameters()).isEqualTo(before.parameters());
        assertThat(after.traffic().calls()).isEqualTo(50);
    }

    @Test
    void nonJsonApisAreCatalogedAndCountedAndFormsAndMultipartAreRead() {
        accept(ExchangeBuilder.request("POST", "/soap/OrderService").body("text/xml", "<Envelope><Body/></Envelope>")
                .respond("text/xml", "<Envelope/>"));
        accept(ExchangeBuilder.request("POST", "/login").body("application/x-www-form-urlencoded", "username=jane&password=s3cret&remember=true")
                .status(302));
        accept(ExchangeBuilder.request("POST", "/upload").body("multipart/form-data; boundary=XyZ",
                "--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nhello\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\nPNG\r\n--XyZ--\r\n"));
        engine.flush(NOW, out);
        EndpointSnapshot soap = out.endpoint("POST", "/soap/OrderService");
        assertThat(soap.traffic().requestContentTypes()).containsEntry("text/xml", 1L);
        assertThat(soap.traffic().responseContentTypes()).containsEntry("text/xml", 1L);
        EndpointSnapshot login = out.endpoint("POST", "/login");
        assertThat(param(login, ParameterLocation.REQUEST_BODY, "remember").type()).isEqualTo("boolean");
        assertThat(login.sensitiveData()).extracting(d -> d.type()).containsExactly("password");
        EndpointSnapshot upload = out.endpoint("POST", "/upload");
        assertThat(upload.parameters()).extracting(ParameterInfo::name).contains("title", "file");
        assertThat(param(upload, ParameterLocation.REQUEST_BODY, "file").format()).isEqualTo("binary");
    }

    @Test
    void exchangesThatCannotBeCatalogedAreCountedByReason() {
        engine.accept(ExchangeBuilder.request("GET", "*").build(), out);
        engine.accept(ExchangeBuilder.request("G E T", "/x").build(), out);
        engine.accept(ExchangeBuilder.request("GET", "/fine").build(), out);
        assertThat(registry.get("periscope.discovery.exchanges").tag("reason", "not_origin_form").counter().count()).isEqualTo(1);
        assertThat(registry.get("periscope.discovery.exchanges").tag("reason", "bad_method").counter().count()).isEqualTo(1);
        assertThat(registry.get("periscope.discovery.exchanges").tag("outcome", "cataloged").counter().count()).isEqualTo(1);
    }
}
