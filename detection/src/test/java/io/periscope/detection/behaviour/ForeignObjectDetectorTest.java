package io.periscope.detection.behaviour;

import io.periscope.events.detection.Outcome;
import io.periscope.events.detection.Principals;
import io.periscope.events.detection.Severity;
import io.periscope.events.http.ClientIpSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.periscope.detection.behaviour.Obs.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

/** Ownership learned where an object's accesses meet, and the per-actor count of foreign objects. */
class ForeignObjectDetectorTest {
    final Ownership ownership = new Ownership(OwnershipSettings.defaults());
    final Map<String, ObjectOwner> objects = new HashMap<>();
    final Map<String, DetectorHarness> actors = new HashMap<>();

    /** One successful access, as the object's task sees it; a foreign access goes on to the actor's engine. */
    ForeignAccess access(String user, String method, String path, long time) {
        var t = io.periscope.detection.endpoint.PathTemplates.of(path);
        Principals p = user == null ? new Principals("192.0.2.1", ClientIpSource.PEER, null, null, null, null)
                : new Principals("192.0.2.1", ClientIpSource.PEER, "tok-" + user, "Bearer", user, null);
        String actor = user == null ? "ip:192.0.2.1" : "user:" + user;
        ObjectAccess a = new ObjectAccess("x" + time, actor, "default|shop", time, method, t.template(), t.objectId(), p,
                false);
        ForeignAccess f = ownership.access(objects.computeIfAbsent(a.objectKey(), k -> new ObjectOwner()), a);
        if (f != null) {
            DetectorHarness h = actors.computeIfAbsent(actor, k -> new DetectorHarness());
            h.findings.addAll(h.engine.foreignAccess(f, h.profile, h.peers, true));
        }
        return f;
    }

    /** A POST to a collection whose answer named the created id, as the principals step reduces it. */
    ForeignAccess create(String user, String collection, String createdId, long time) {
        Principals p = new Principals("192.0.2.1", ClientIpSource.PEER, "tok-" + user, "Bearer", user, null);
        Observation o = new Observation("c" + time, "user:" + user, "default|shop", time, "POST", collection, null, 201,
                100, "ua", p, null, null, false, List.of(), null, createdId);
        ObjectAccess a = ObjectAccess.of(o);
        assertThat(a.created()).isTrue();
        return ownership.access(objects.computeIfAbsent(a.objectKey(), k -> new ObjectOwner()), a);
    }

    List<Finding> findingsOf(String user) {
        DetectorHarness h = actors.get("user:" + user);
        return h == null ? List.of() : h.findings;
    }

    @Test
    void readingOrdersThatTheirOwnersReReadIsBolaOnForeignObjectsAndALikelySuccess() {
        long t = 0;
        for (int u = 0; u < 15; u++) {
            for (int i = 0; i < 3; i++) {
                assertThat(access("owner" + u, "GET", "/api/orders/" + (500 + u), t += SECOND)).isNull();
            }
        }
        for (int u = 0; u < 15; u++) {
            assertThat(access("mallory", "GET", "/api/orders/" + (500 + u), t += SECOND)).isNotNull();
        }
        List<Finding> found = findingsOf("mallory");
        assertThat(found).extracting(Finding::type).containsExactly(BehaviourType.BOLA_FOREIGN_OBJECTS);
        Finding f = found.get(0);
        assertThat(f.outcome()).isEqualTo(Outcome.LIKELY_SUCCESS);
        assertThat(f.observed()).isEqualTo(10);
        assertThat(f.explanation()).contains("GET /api/orders/{id}").contains("threshold 10")
                .contains("the owner used it repeatedly");
    }

    @Test
    void anIdEqualToTheOwnersUserMakesEveryOtherReaderForeignFromTheFirstRead() {
        long t = 0;
        for (int u = 0; u < 12; u++) {
            access("cust" + u + "x99", "GET", "/api/users/cust" + u + "x99/profile", t += SECOND);
        }
        for (int u = 0; u < 12; u++) {
            ForeignAccess f = access("mallory", "GET", "/api/users/cust" + u + "x99/profile", t += SECOND);
            assertThat(f).isNotNull();
            assertThat(f.ownedBy()).isEqualTo(ForeignAccess.OwnerEvidence.IDENTITY);
        }
        assertThat(findingsOf("mallory")).extracting(Finding::type).contains(BehaviourType.BOLA_FOREIGN_OBJECTS);
    }

    @Test
    void theCreatorOfAnObjectOwnsItBeforeAnyoneReadsIt() {
        long t = 0;
        for (int u = 0; u < 12; u++) {
            create("buyer" + u, "/api/orders", String.valueOf(8000 + u), t += SECOND);
        }
        for (int u = 0; u < 12; u++) {
            ForeignAccess f = access("mallory", "GET", "/api/orders/" + (8000 + u), t += SECOND);
            assertThat(f.ownedBy()).isEqualTo(ForeignAccess.OwnerEvidence.CREATED);
        }
        assertThat(findingsOf("mallory")).extracting(Finding::type).contains(BehaviourType.BOLA_FOREIGN_OBJECTS);
        assertThat(access("buyer3", "GET", "/api/orders/8003", t += SECOND)).isNull();
    }

    @Test
    void theCreatedIdIsReadFromTheTopLevelOfAJsonAnswerToASuccessfulPost() {
        var json = new io.periscope.events.http.Body("{\"order\":{\"id\":1},\"id\":\"a1b2c3d4e5\"}".getBytes(
                java.nio.charset.StandardCharsets.UTF_8), 30, 30, false, "application/json", List.of(), false);
        assertThat(ObjectAccess.createdId("POST", 201, json)).isEqualTo("a1b2c3d4e5");
        assertThat(ObjectAccess.createdId("POST", 400, json)).isNull();
        assertThat(ObjectAccess.createdId("PUT", 200, json)).isNull();
    }

    @Test
    void writingToOtherOwnersObjectsIsCritical() {
        long t = 0;
        for (int u = 0; u < 10; u++) {
            access("owner" + u, "GET", "/api/orders/" + (700 + u), t += SECOND);
            access("owner" + u, "GET", "/api/orders/" + (700 + u), t += SECOND);
        }
        for (int u = 0; u < 10; u++) {
            access("mallory", "PUT", "/api/orders/" + (700 + u), t += SECOND);
        }
        assertThat(findingsOf("mallory")).singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.CRITICAL));
    }

    @Test
    void usersReadingTheirOwnObjectsAndSharedProductsAreNeverFlagged() {
        Random random = new Random(7);
        long t = 0;
        for (int step = 0; step < 6000; step++) {
            int u = random.nextInt(40);
            t += SECOND;
            if (random.nextBoolean()) {
                access("user" + u, "GET", "/api/orders/" + (u * 10 + random.nextInt(3)), t);
            } else {
                // a catalogue of 300 products that every user browses
                access("user" + u, "GET", "/api/products/" + (1000 + random.nextInt(300)), t);
            }
        }
        for (int u = 0; u < 40; u++) {
            assertThat(findingsOf("user" + u)).as("user%d", u).isEmpty();
        }
    }

    @Test
    void anObjectReadWithoutCredentialsIsPublicAndOwnedByNobody() {
        access("owner", "GET", "/api/docs/4711", 1);
        access("owner", "GET", "/api/docs/4711", 2);
        access(null, "GET", "/api/docs/4711", 3);
        assertThat(access("other", "GET", "/api/docs/4711", 4)).isNull();
    }

    @Test
    void anObjectReadOnceByItsFirstReaderHasNoOwnerYet() {
        access("first", "GET", "/api/orders/42", 1);
        assertThat(access("second", "GET", "/api/orders/42", 2)).isNull();
    }

    @Test
    void theThresholdRisesWhenPeersAccessForeignObjectsToo() {
        long t = 0;
        for (int u = 0; u < 15; u++) {
            access("owner" + u, "GET", "/api/tickets/" + (900 + u), t += SECOND);
            access("owner" + u, "GET", "/api/tickets/" + (900 + u), t += SECOND);
        }
        DetectorHarness h = new DetectorHarness();
        for (int w = 0; w < 30; w++) {
            h.peers.add(Peers.Metric.FOREIGN_OBJECTS, 8);
        }
        actors.put("user:support", h);
        for (int u = 0; u < 15; u++) {
            access("support", "GET", "/api/tickets/" + (900 + u), t += SECOND);
        }
        assertThat(findingsOf("support")).isEmpty();
    }

    @Test
    void ownerStateStaysBoundedByTheSharedThreshold() {
        List<ObjectOwner> seen = new ArrayList<>();
        for (int u = 0; u < 50; u++) {
            access("reader" + u, "GET", "/api/orders/1", u);
        }
        seen.addAll(objects.values());
        assertThat(seen).singleElement().satisfies(o -> {
            assertThat(o.shared).isTrue();
            assertThat(o.accessors).isEmpty();
        });
    }
}
