package io.periscope.detection.streams;

import io.periscope.detection.behaviour.BehaviourType;
import io.periscope.detection.behaviour.CampaignFinding;
import io.periscope.detection.behaviour.Finding;
import io.periscope.detection.behaviour.ForeignAccess;
import io.periscope.detection.behaviour.ObjectAccess;
import io.periscope.detection.behaviour.Observation;
import io.periscope.detection.behaviour.SignInAttempt;
import io.periscope.detection.principal.SignIn;
import io.periscope.detection.streams.binary.BinaryInput;
import io.periscope.detection.streams.binary.BinaryOutput;
import io.periscope.detection.streams.binary.MalformedRecordException;
import io.periscope.events.detection.DetectionFeedback;
import io.periscope.events.detection.Detector;
import io.periscope.events.detection.Outcome;
import io.periscope.events.detection.Principals;
import io.periscope.events.detection.Severity;
import io.periscope.events.detection.Signal;
import io.periscope.events.http.ClientIpSource;
import io.periscope.events.http.JwtInfo;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.SkipReason;
import io.periscope.events.kafka.SkippedRecordException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RepartitionSerdeTest {
    static final String TOPIC = "detection-test-detection-by-actor-repartition";
    static final RepartitionSerde<ActorInput> INPUTS = new RepartitionSerde<>(ActorInput.class, RepartitionFormat.ACTOR_INPUT);

    static final Principals FULL_PRINCIPALS = new Principals("203.0.113.7", ClientIpSource.values()[0], "cred:ab12",
            "bearer", "alice", Map.of("tenant", "acme", "account", "4711"));
    static final Principals BARE_PRINCIPALS = new Principals("198.51.100.1", null, null, null, null, null);
    static final Signal SIGNAL = new Signal(Signal.SCHEMA_VERSION, "sig-1", "user:alice", Detector.SIGNATURE,
            "SQL_INJECTION", Severity.HIGH, 0.93, Outcome.ATTEMPTED, FULL_PRINCIPALS, "shop", "GET /api/items",
            "GET", "/api/items?q=ünïcødé' OR 1=1", "ex-1", "query:q", "' OR 1=1", "tautology after a quote",
            1_764_000_000_123_456L);
    static final Signal BARE_SIGNAL = new Signal(Signal.SCHEMA_VERSION, "sig-2", "ip:198.51.100.1",
            Detector.BEHAVIOUR, "ENUMERATION", Severity.LOW, 0.0, Outcome.PROBE, null, null, null, null, null, null,
            null, null, null, 0);

    static Observation fullObservation() {
        return new Observation("ex-1", "user:alice", "shop", 1_764_000_000_123_456L, "POST", "/api/login",
                "4711", 201, 12_345L, "curl/8.0 😀", FULL_PRINCIPALS,
                new JwtInfo("RS256", "k1", "JWT", "https://id.example.test", "alice", List.of("shop", "admin"),
                        1_764_000_600L, 1_764_000_000L, "jti-1"),
                new SignIn("a***@example.test", "pw:77aa"), true, List.of(SIGNAL, BARE_SIGNAL), "fp:1234", "order-9");
    }

    static Observation bareObservation() {
        return new Observation("ex-2", "ip:198.51.100.1", "shop", -1L, null, "/", null, 0, 0, null, null, null, null,
                false, List.of());
    }

    static List<ActorInput> everyKind() {
        return List.of(
                new ActorInput(fullObservation(), null),
                new ActorInput(bareObservation(), null),
                new ActorInput(null, new DetectionFeedback(DetectionFeedback.SCHEMA_VERSION,
                        DetectionFeedback.Action.DISMISS, "user:alice", "inc-1", "analyst", "known scanner", 42L)),
                new ActorInput(null, new DetectionFeedback(DetectionFeedback.SCHEMA_VERSION,
                        DetectionFeedback.Action.TRUST, "ip:198.51.100.1", null, null, null, 0L)),
                new ActorInput(null, null, new ForeignAccess("ex-3", "user:mallory", "shop", 7L, "GET",
                        "/api/orders/{id}", "o-1", ForeignAccess.OwnerEvidence.CREATED, FULL_PRINCIPALS), null),
                new ActorInput(null, null, null, new CampaignFinding("campaign:fp:1234",
                        Finding.of(BehaviourType.CREDENTIAL_STUFFING, Outcome.LIKELY_SUCCESS, "failed sign-ins", 40,
                                1.5, 20, "/api/login"),
                        "shop", "POST", "ex-4", BARE_PRINCIPALS, List.of("198.51.100.1", "198.51.100.2"), 9L)),
                new ActorInput(null, null, null, new CampaignFinding("campaign:fp:1", null, null, null, null, null,
                        null, 0L)));
    }

    @Test
    void everyKindOfActorInputReadsBackEqualToWhatWasWritten() {
        for (ActorInput input : everyKind()) {
            byte[] bytes = INPUTS.serialize(TOPIC, input);
            assertThat(bytes[0]).isEqualTo((byte) RepartitionSerde.BINARY_V1);
            assertThat(INPUTS.deserialize(TOPIC, bytes)).isEqualTo(input);
        }
    }

    @Test
    void objectAccessesAndSignInAttemptsReadBackEqualToWhatWasWritten() {
        RepartitionSerde<ObjectAccess> accesses = new RepartitionSerde<>(ObjectAccess.class, RepartitionFormat.OBJECT_ACCESS);
        for (ObjectAccess a : List.of(
                new ObjectAccess("ex-1", "user:alice", "shop", 5L, "GET", "/api/orders/{id}", "o-1", FULL_PRINCIPALS, true),
                new ObjectAccess("ex-2", "ip:x", "shop", 6L, "GET", "/api/orders/{id}", "o-2", null, false))) {
            assertThat(accesses.deserialize("t", accesses.serialize("t", a))).isEqualTo(a);
        }
        RepartitionSerde<SignInAttempt> attempts = new RepartitionSerde<>(SignInAttempt.class,
                RepartitionFormat.SIGN_IN_ATTEMPT);
        for (SignInAttempt a : List.of(
                new SignInAttempt("ex-1", "ip:198.51.100.1", "fp:1", "shop", "/api/login", 5L, "a***@x.test", 401,
                        BARE_PRINCIPALS),
                new SignInAttempt("ex-2", "ip:198.51.100.2", "fp:1", "shop", "/api/login", 6L, null, -1, null))) {
            assertThat(attempts.deserialize("t", attempts.serialize("t", a))).isEqualTo(a);
        }
    }

    @Test
    void theBinaryFormIsSeveralTimesSmallerThanTheJsonItReplaces() {
        ActorInput input = new ActorInput(fullObservation(), null);
        byte[] json = JsonSerde.of(ActorInput.class).serialize(TOPIC, input);
        assertThat(INPUTS.serialize(TOPIC, input).length).isLessThan(json.length / 2);
    }

    @Test
    void jsonWrittenByAnEarlierBuildIsStillReadDuringARollingUpgrade() {
        JsonSerde<ActorInput> earlier = JsonSerde.of(ActorInput.class);
        for (ActorInput input : everyKind()) {
            assertThat(INPUTS.deserialize(TOPIC, earlier.serialize(TOPIC, input))).isEqualTo(input);
        }
        byte[] indented = ("\n  " + new String(earlier.serialize(TOPIC, everyKind().get(2)), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        assertThat(INPUTS.deserialize(TOPIC, indented)).isEqualTo(everyKind().get(2));
        ObjectAccess a = new ObjectAccess("ex-1", "user:alice", "shop", 5L, "GET", "/o/{id}", "o-1", FULL_PRINCIPALS, false);
        assertThat(new RepartitionSerde<>(ObjectAccess.class, RepartitionFormat.OBJECT_ACCESS)
                .deserialize("t", JsonSerde.of(ObjectAccess.class).serialize("t", a))).isEqualTo(a);
    }

    @Test
    void aFormatByteFromANewerBuildIsSkippedAsUnsupportedSchema() {
        byte[] bytes = INPUTS.serialize(TOPIC, everyKind().get(0));
        bytes[0] = 2;
        assertSkipped(bytes, SkipReason.UNSUPPORTED_SCHEMA);
    }

    @Test
    void everyTruncationOfARecordIsSkippedAsUnreadableNeverAnotherFailure() {
        for (ActorInput input : everyKind()) {
            byte[] bytes = INPUTS.serialize(TOPIC, input);
            for (int len = 0; len < bytes.length; len++) {
                assertSkipped(Arrays.copyOf(bytes, len), SkipReason.UNREADABLE);
            }
        }
    }

    @Test
    void trailingBytesBrokenJsonAndAnUnknownKindAreSkippedAsUnreadable() {
        byte[] bytes = INPUTS.serialize(TOPIC, everyKind().get(2));
        assertSkipped(Arrays.copyOf(bytes, bytes.length + 1), SkipReason.UNREADABLE);
        assertSkipped("{\"observation\": {".getBytes(StandardCharsets.UTF_8), SkipReason.UNREADABLE);
        assertSkipped("{}".getBytes(StandardCharsets.UTF_8), SkipReason.UNREADABLE);
        assertSkipped(new byte[] {RepartitionSerde.BINARY_V1, 9}, SkipReason.UNREADABLE);
    }

    @Test
    void aClaimedLengthOrCountBeyondTheRecordFailsBeforeAnythingIsAllocated() {
        // an observation whose first string claims 2 GiB, and a feedback-less record claiming 2^31-1 signals
        byte[] hugeString = {RepartitionSerde.BINARY_V1, 1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07};
        assertSkipped(hugeString, SkipReason.UNREADABLE);
        byte[] overflow = {RepartitionSerde.BINARY_V1, 1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertSkipped(overflow, SkipReason.UNREADABLE);
        BinaryOutput out = new BinaryOutput(8);
        out.writeVarInt(Integer.MAX_VALUE);
        assertThatThrownBy(() -> new BinaryInput(out.toByteArray(), 0).readCount(RepartitionFormat.MAX_ENTRIES))
                .isInstanceOf(MalformedRecordException.class);
    }

    @Test
    void anAbsentValueStaysAbsent() {
        assertThat(INPUTS.serialize(TOPIC, null)).isNull();
        assertThat(INPUTS.deserialize(TOPIC, null)).isNull();
    }

    private static void assertSkipped(byte[] bytes, SkipReason reason) {
        assertThatThrownBy(() -> INPUTS.deserialize(TOPIC, bytes))
                .isInstanceOfSatisfying(SkippedRecordException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
