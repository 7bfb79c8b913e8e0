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
        return detector.judge(schema, new MassAssignmentDetector.Write(t, "PATCH", "/api/users/{id}", user, status,
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
}
