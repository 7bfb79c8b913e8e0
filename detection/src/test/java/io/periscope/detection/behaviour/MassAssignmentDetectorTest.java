package io.periscope.detection.behaviour;

import io.periscope.events.detection.Outcome;
import io.periscope.events.detection.Severity;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.periscope.detection.behaviour.Obs.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

class MassAssignmentDetectorTest {
    final MassAssignmentDetector detector = new MassAssignmentDetector(MassAssignmentSettings.defaults());
    final RequestSchema schema = new RequestSchema();
    long t;

    MassAssignmentDetector.Verdict write(String user, String body, int status, String response) {
        t += 3 * 60 * SECOND;
        return detector.judge(schema, new MassAssignmentDetector.Write(t, "PATCH", "/api/users/{id}", "user:" + user, user, status,
                body.getBytes(StandardCharsets.UTF_8), response == null ? new byte[0] : response.getBytes(StandardCharsets.UTF_8)));
    }

    void warmUp() {
        for (int i = 0; i < 30; i++) {
            assertThat(write("u" + i, "{\"displayName\":\"A\",\"address\":{\"city\":\"B\"},\"tags\":[{\"name\":\"x\"}]}",
                    200, null).finding()).isNull();
        }
    }

    @Test
    void settingRoleAdminThatTheServerEchoesBackIsACriticalLikelySuccess() {
        warmUp();
        Finding f = write("mallory", "{\"displayName\":\"M\",\"role\":\"admin\"}", 200,
                "{\"id\":7,\"displayName\":\"M\",\"role\":\"admin\"}").finding();
        assertThat(f).isNotNull();
        assertThat(f.type()).isEqualTo(BehaviourType.MASS_ASSIGNMENT);
        assertThat(f.outcome()).isEqualTo(Outcome.LIKELY_SUCCESS);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.explanation()).contains("privilege").contains("role").contains("schema learned from 30 writes");
    }

    @Test
    void aNestedIsAdminTheServerRefusedIsAProbe() {
        warmUp();
        Finding f = write("mallory", "{\"address\":{\"city\":\"B\",\"is_admin\":true}}", 403, null).finding();
        assertThat(f.outcome()).isEqualTo(Outcome.PROBE);
        assertThat(f.explanation()).contains("address.is_admin");
    }

    @Test
    void anAcceptedButNotEchoedPrivilegeIsAnAttempt() {
        warmUp();
        Finding f = write("mallory", "{\"displayName\":\"M\",\"isAdmin\":true}", 200, "{\"displayName\":\"M\"}").finding();
        assertThat(f.outcome()).isEqualTo(Outcome.ATTEMPTED);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void anotherUsersIdIsOwnershipTamperingButTheSendersOwnIdIsNot() {
        warmUp();
        assertThat(write("alice", "{\"displayName\":\"A\",\"userId\":\"alice\"}", 200, null).finding()).isNull();
        assertThat(write("mallory", "{\"displayName\":\"M\",\"userId\":\"alice\"}", 200, null).finding()).isNotNull();
    }

    @Test
    void ordinaryWritesOfKnownPropertiesAndWarmUpWritesAreNotReported() {
        assertThat(write("u", "{\"displayName\":\"A\",\"role\":\"admin\"}", 200, null).finding()).as("warming up").isNull();
        warmUp();
        for (int i = 0; i < 100; i++) {
            assertThat(write("u" + i, "{\"displayName\":\"Z\",\"tags\":[{\"name\":\"y\"}]}", 200, null).finding()).isNull();
        }
    }

    @Test
    void severalUnknownPropertiesAtOnceAreReportedEvenWhenNoneLooksPrivileged() {
        warmUp();
        Finding f = write("fuzzer", "{\"displayName\":\"A\",\"a1\":1,\"b2\":2,\"c3\":3}", 200, null).finding();
        assertThat(f).isNotNull();
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(write("client", "{\"displayName\":\"A\",\"nickname\":\"n\"}", 200, null).finding()).isNull();
    }

    @Test
    void aPropertyAClientReleaseAddsIsAdoptedAfterEnoughSuccessfulWrites() {
        warmUp();
        for (int i = 0; i < 20; i++) {
            write("u" + i, "{\"displayName\":\"A\",\"x1\":1,\"x2\":2,\"x3\":3}", 200, null);
        }
        assertThat(write("u", "{\"displayName\":\"A\",\"x1\":1,\"x2\":2,\"x3\":3}", 200, null).finding()).isNull();
    }

    @Test
    void mapsKeyedByObjectIdsHaveOneSchemaNotOnePerId() {
        for (int i = 0; i < 30; i++) {
            write("u" + i, "{\"settings\":{\"" + (1000 + i) + "\":{\"enabled\":true}}}", 200, null);
        }
        assertThat(write("u", "{\"settings\":{\"5f1c9a2e-0d4b-4c8e-9a57-3b2f1e6d7c80\":{\"enabled\":false},"
                + "\"77\":{\"enabled\":true},\"a1b2c3d4e5\":{\"enabled\":true}}}", 200, null).finding()).isNull();
        assertThat(BodyProperties.of("{\"m\":{\"123\":1}}".getBytes(StandardCharsets.UTF_8))).containsKeys("m", "m.{id}");
    }

    @Test
    void aFreeFormEndpointWithMoreThanTheMaximumOfPropertiesIsNotJudged() {
        // documents whose keys vary: their union passes the 256 properties an endpoint learns
        for (int i = 0; i < 30; i++) {
            StringBuilder b = new StringBuilder("{");
            for (int k = 0; k < 20; k++) {
                b.append(k == 0 ? "" : ",").append("\"k").append(i * 20 + k).append("\":1");
            }
            write("u", b.append('}').toString(), 200, null);
        }
        assertThat(write("u", "{\"role\":\"admin\",\"isAdmin\":true}", 200, null).finding()).isNull();
    }

    @Test
    void hostileBodiesAreReadInBoundedWork() {
        String deep = "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000);
        long start = System.nanoTime();
        assertThat(BodyProperties.of(deep.getBytes(StandardCharsets.UTF_8))).hasSizeLessThanOrEqualTo(BodyProperties.MAX_DEPTH);
        assertThat(BodyProperties.of("[1,2,3]".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(BodyProperties.of("{\"a\":tru".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    static final String ECHO_ROLE = "{\"id\":7,\"displayName\":\"M\",\"role\":\"admin\"}";

    @Test
    void anAttackerWritingRoleFromTheFirstWriteDoesNotTeachItAndIsStillFlaggedOnceTheSchemaIsKnown() {
        for (int i = 0; i < 10; i++) {
            assertThat(write("mallory", "{\"displayName\":\"M\",\"role\":\"admin\"}", 200, ECHO_ROLE).finding())
                    .as("warming up").isNull();
        }
        warmUp();
        Finding f = write("mallory", "{\"displayName\":\"M\",\"role\":\"admin\"}", 200, ECHO_ROLE).finding();
        assertThat(f).isNotNull();
        assertThat(f.outcome()).isEqualTo(Outcome.LIKELY_SUCCESS);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.explanation()).contains("role");
    }

    @Test
    void aStoredWarmUpWriteOfRoleIsReportedAtTheSendersNextWriteAfterTheWarmUpOnce() {
        write("mallory", "{\"displayName\":\"M\",\"role\":\"admin\"}", 200, ECHO_ROLE);
        warmUp();
        Finding f = write("mallory", "{\"displayName\":\"M\"}", 200, null).finding();
        assertThat(f).isNotNull();
        assertThat(f.outcome()).isEqualTo(Outcome.LIKELY_SUCCESS);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.explanation()).contains("role").contains("warm-up");
        assertThat(write("mallory", "{\"displayName\":\"M\"}", 200, null).finding()).isNull();
    }

    @Test
    void onePrincipalNeverMakesAPrivilegedPropertyNormalEvenWhenOnePrincipalIsConfiguredToTeach() {
        MassAssignmentDetector lenient = new MassAssignmentDetector(new MassAssignmentSettings(30,
                java.time.Duration.ofHours(1), 1, 3, 20, 256, MassAssignmentSettings.DEFAULT_PRIVILEGED));
        RequestSchema endpoint = new RequestSchema();
        java.util.List<Finding> found = new java.util.ArrayList<>();
        for (int i = 0; i < 80; i++) {
            t += 3 * 60 * SECOND;
            String body = i % 2 == 0 ? "{\"displayName\":\"M\",\"isAdmin\":true}" : "{\"displayName\":\"M\",\"nick\":\"m\"}";
            String who = i % 2 == 0 ? "mallory" : "u" + i;
            Finding f = lenient.judge(endpoint, new MassAssignmentDetector.Write(t, "PATCH", "/api/users/{id}",
                    "user:" + who, who, 200, body.getBytes(StandardCharsets.UTF_8), new byte[0])).finding();
            if (f != null) {
                found.add(f);
            }
        }
        assertThat(endpoint.properties).contains("displayName", "nick").doesNotContain("isAdmin");
        assertThat(found).isNotEmpty().allSatisfy(f -> assertThat(f.explanation()).contains("isAdmin"));
    }

    @Test
    void benignClientsAddingAnOptionalPropertyThatManyPrincipalsSendAreNeverFlagged() {
        // a sign-up style endpoint where every client picks a plan (a privileged-looking name) and some subscribe
        for (int i = 0; i < 30; i++) {
            String body = i % 3 == 0 ? "{\"displayName\":\"A\",\"plan\":\"free\",\"newsletter\":true}"
                    : "{\"displayName\":\"A\",\"plan\":\"free\"}";
            assertThat(write("u" + i, body, 200, "{\"plan\":\"free\"}").finding()).isNull();
        }
        // a client release adds an optional property, used by many principals
        for (int i = 0; i < 200; i++) {
            String body = i % 2 == 0 ? "{\"displayName\":\"A\",\"plan\":\"pro\",\"theme\":\"dark\"}"
                    : "{\"displayName\":\"B\",\"newsletter\":false}";
            assertThat(write("v" + (i % 40), body, 200, null).finding()).as("write %d", i).isNull();
        }
        assertThat(schema.properties).contains("plan", "newsletter", "theme");
    }
}
