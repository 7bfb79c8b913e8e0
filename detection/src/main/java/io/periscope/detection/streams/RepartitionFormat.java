package io.periscope.detection.streams;

import io.periscope.detection.behaviour.BehaviourType;
import io.periscope.detection.behaviour.CampaignFinding;
import io.periscope.detection.behaviour.Finding;
import io.periscope.detection.behaviour.ForeignAccess;
import io.periscope.detection.behaviour.ObjectAccess;
import io.periscope.detection.behaviour.Observation;
import io.periscope.detection.behaviour.SignInAttempt;
import io.periscope.detection.principal.SignIn;
import io.periscope.detection.streams.binary.BinaryCodec;
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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Version 1 of the binary form of the records on detection's repartition topics ({@code detection-by-actor},
 * {@code detection-by-object}, {@code detection-by-client}); {@link RepartitionSerde} puts the version byte in
 * front. Components are written in declaration order, with no names: a record with a new or reordered component
 * needs a new version (and a reader of this one kept for the rolling upgrade). Nested records that may be absent
 * are a presence byte and then their components; enums are their constant's name, so a new constant cannot be
 * read as another one. Replaces JSON there because reading and writing that JSON (property names, reflective
 * accessors, property-based creators) was a tenth of the stream thread's time (docs/performance.md).
 */
final class RepartitionFormat {
    /** Bounds the objects one record can make a reader allocate; every real list is far shorter. */
    static final int MAX_ENTRIES = 4096;

    private RepartitionFormat() {
    }

    static final BinaryCodec<Principals> PRINCIPALS = new BinaryCodec<>() {
        @Override
        public void write(Principals p, BinaryOutput out) {
            out.writeString(p.clientIp());
            out.writeEnum(p.clientIpSource());
            out.writeString(p.credential());
            out.writeString(p.credentialScheme());
            out.writeString(p.user());
            out.writeVarInt(p.business().size());
            for (Map.Entry<String, String> e : p.business().entrySet()) {
                out.writeString(e.getKey());
                out.writeString(e.getValue());
            }
        }

        @Override
        public Principals read(BinaryInput in) {
            String clientIp = in.readString();
            ClientIpSource source = in.readEnum(ClientIpSource.class);
            String credential = in.readString();
            String scheme = in.readString();
            String user = in.readString();
            int n = in.readCount(MAX_ENTRIES);
            Map<String, String> business = n == 0 ? Map.of() : new HashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                business.put(in.readString(), in.readString());
            }
            return new Principals(clientIp, source, credential, scheme, user, business);
        }
    };

    static final BinaryCodec<JwtInfo> JWT = new BinaryCodec<>() {
        @Override
        public void write(JwtInfo j, BinaryOutput out) {
            out.writeString(j.alg());
            out.writeString(j.kid());
            out.writeString(j.typ());
            out.writeString(j.iss());
            out.writeString(j.sub());
            writeStrings(j.aud(), out);
            writeNullableLong(j.exp(), out);
            writeNullableLong(j.iat(), out);
            out.writeString(j.jti());
        }

        @Override
        public JwtInfo read(BinaryInput in) {
            return new JwtInfo(in.readString(), in.readString(),
                    in.readString(), in.readString(), in.readString(),
                    readStrings(in), readNullableLong(in), readNullableLong(in), in.readString());
        }
    };

    static final BinaryCodec<SignIn> SIGN_IN = new BinaryCodec<>() {
        @Override
        public void write(SignIn s, BinaryOutput out) {
            out.writeString(s.login());
            out.writeString(s.passwordFingerprint());
        }

        @Override
        public SignIn read(BinaryInput in) {
            return new SignIn(in.readString(), in.readString());
        }
    };

    static final BinaryCodec<Signal> SIGNAL = new BinaryCodec<>() {
        @Override
        public void write(Signal s, BinaryOutput out) {
            out.writeVarInt(s.schemaVersion());
            out.writeString(s.id());
            out.writeString(s.actorId());
            out.writeEnum(s.detector());
            out.writeString(s.type());
            out.writeEnum(s.severity());
            out.writeDouble(s.confidence());
            out.writeEnum(s.outcome());
            writeNullable(s.principals(), PRINCIPALS, out);
            out.writeString(s.serviceKey());
            out.writeString(s.endpointId());
            out.writeString(s.method());
            out.writeString(s.path());
            out.writeString(s.exchangeId());
            out.writeString(s.location());
            out.writeString(s.evidence());
            out.writeString(s.explanation());
            out.writeLong(s.eventTimeMicros());
        }

        @Override
        public Signal read(BinaryInput in) {
            return new Signal(in.readVarInt(), in.readString(), in.readString(),
                    in.readEnum(Detector.class), in.readString(), in.readEnum(Severity.class),
                    in.readDouble(), in.readEnum(Outcome.class), readNullable(PRINCIPALS, in),
                    in.readString(), in.readString(), in.readString(),
                    in.readString(), in.readString(), in.readString(),
                    in.readString(), in.readString(), in.readLong());
        }
    };

    static final BinaryCodec<Observation> OBSERVATION = new BinaryCodec<>() {
        @Override
        public void write(Observation o, BinaryOutput out) {
            out.writeString(o.exchangeId());
            out.writeString(o.actorId());
            out.writeString(o.serviceKey());
            out.writeLong(o.timeMicros());
            out.writeString(o.method());
            out.writeString(o.template());
            out.writeString(o.objectId());
            out.writeInt(o.status());
            out.writeLong(o.responseBytes());
            out.writeString(o.userAgent());
            writeNullable(o.principals(), PRINCIPALS, out);
            writeNullable(o.jwt(), JWT, out);
            writeNullable(o.signIn(), SIGN_IN, out);
            out.writeBoolean(o.signInEndpoint());
            out.writeVarInt(o.signatures().size());
            for (Signal s : o.signatures()) {
                SIGNAL.write(s, out);
            }
            out.writeString(o.clientFingerprint());
            out.writeString(o.createdId());
        }

        @Override
        public Observation read(BinaryInput in) {
            String exchangeId = in.readString();
            String actorId = in.readString();
            String serviceKey = in.readString();
            long time = in.readLong();
            String method = in.readString();
            String template = in.readString();
            String objectId = in.readString();
            int status = in.readInt();
            long responseBytes = in.readLong();
            String userAgent = in.readString();
            Principals principals = readNullable(PRINCIPALS, in);
            JwtInfo jwt = readNullable(JWT, in);
            SignIn signIn = readNullable(SIGN_IN, in);
            boolean signInEndpoint = in.readBoolean();
            int n = in.readCount(MAX_ENTRIES);
            List<Signal> signatures = n == 0 ? List.of() : new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                signatures.add(SIGNAL.read(in));
            }
            return new Observation(exchangeId, actorId, serviceKey, time, method, template, objectId, status,
                    responseBytes, userAgent, principals, jwt, signIn, signInEndpoint, signatures,
                    in.readString(), in.readString());
        }
    };

    static final BinaryCodec<DetectionFeedback> FEEDBACK = new BinaryCodec<>() {
        @Override
        public void write(DetectionFeedback f, BinaryOutput out) {
            out.writeVarInt(f.schemaVersion());
            out.writeEnum(f.action());
            out.writeString(f.actorId());
            out.writeString(f.incidentId());
            out.writeString(f.by());
            out.writeString(f.reason());
            out.writeLong(f.atMicros());
        }

        @Override
        public DetectionFeedback read(BinaryInput in) {
            return new DetectionFeedback(in.readVarInt(), in.readEnum(DetectionFeedback.Action.class),
                    in.readString(), in.readString(), in.readString(),
                    in.readString(), in.readLong());
        }
    };

    static final BinaryCodec<ForeignAccess> FOREIGN = new BinaryCodec<>() {
        @Override
        public void write(ForeignAccess f, BinaryOutput out) {
            out.writeString(f.exchangeId());
            out.writeString(f.actorId());
            out.writeString(f.serviceKey());
            out.writeLong(f.timeMicros());
            out.writeString(f.method());
            out.writeString(f.template());
            out.writeString(f.objectId());
            out.writeEnum(f.ownedBy());
            writeNullable(f.principals(), PRINCIPALS, out);
        }

        @Override
        public ForeignAccess read(BinaryInput in) {
            return new ForeignAccess(in.readString(), in.readString(),
                    in.readString(), in.readLong(), in.readString(),
                    in.readString(), in.readString(),
                    in.readEnum(ForeignAccess.OwnerEvidence.class), readNullable(PRINCIPALS, in));
        }
    };

    static final BinaryCodec<Finding> FINDING = new BinaryCodec<>() {
        @Override
        public void write(Finding f, BinaryOutput out) {
            out.writeEnum(f.type());
            out.writeEnum(f.severity());
            out.writeDouble(f.confidence());
            out.writeEnum(f.outcome());
            out.writeString(f.metric());
            out.writeDouble(f.observed());
            out.writeDouble(f.baseline());
            out.writeDouble(f.threshold());
            out.writeString(f.template());
        }

        @Override
        public Finding read(BinaryInput in) {
            return new Finding(in.readEnum(BehaviourType.class), in.readEnum(Severity.class), in.readDouble(),
                    in.readEnum(Outcome.class), in.readString(), in.readDouble(), in.readDouble(),
                    in.readDouble(), in.readString());
        }
    };

    static final BinaryCodec<CampaignFinding> CAMPAIGN = new BinaryCodec<>() {
        @Override
        public void write(CampaignFinding c, BinaryOutput out) {
            out.writeString(c.actorId());
            writeNullable(c.finding(), FINDING, out);
            out.writeString(c.serviceKey());
            out.writeString(c.method());
            out.writeString(c.exchangeId());
            writeNullable(c.principals(), PRINCIPALS, out);
            writeStrings(c.addresses(), out);
            out.writeLong(c.timeMicros());
        }

        @Override
        public CampaignFinding read(BinaryInput in) {
            return new CampaignFinding(in.readString(), readNullable(FINDING, in),
                    in.readString(), in.readString(), in.readString(),
                    readNullable(PRINCIPALS, in), readStrings(in), in.readLong());
        }
    };

    /** Which of its components an {@link ActorInput} holds, as the byte before that component. */
    private static final int OBSERVATION_TAG = 1;
    private static final int FEEDBACK_TAG = 2;
    private static final int FOREIGN_TAG = 3;
    private static final int CAMPAIGN_TAG = 4;

    static final BinaryCodec<ActorInput> ACTOR_INPUT = new BinaryCodec<>() {
        @Override
        public void write(ActorInput a, BinaryOutput out) {
            if (a.observation() != null) {
                out.writeByte(OBSERVATION_TAG);
                OBSERVATION.write(a.observation(), out);
            } else if (a.feedback() != null) {
                out.writeByte(FEEDBACK_TAG);
                FEEDBACK.write(a.feedback(), out);
            } else if (a.foreign() != null) {
                out.writeByte(FOREIGN_TAG);
                FOREIGN.write(a.foreign(), out);
            } else {
                out.writeByte(CAMPAIGN_TAG);
                CAMPAIGN.write(a.campaign(), out);
            }
        }

        @Override
        public ActorInput read(BinaryInput in) {
            int tag = in.readByte();
            return switch (tag) {
                case OBSERVATION_TAG -> new ActorInput(OBSERVATION.read(in), null, null, null);
                case FEEDBACK_TAG -> new ActorInput(null, FEEDBACK.read(in), null, null);
                case FOREIGN_TAG -> new ActorInput(null, null, FOREIGN.read(in), null);
                case CAMPAIGN_TAG -> new ActorInput(null, null, null, CAMPAIGN.read(in));
                default -> throw new MalformedRecordException("an actor input of kind " + tag);
            };
        }
    };

    static final BinaryCodec<ObjectAccess> OBJECT_ACCESS = new BinaryCodec<>() {
        @Override
        public void write(ObjectAccess a, BinaryOutput out) {
            out.writeString(a.exchangeId());
            out.writeString(a.actorId());
            out.writeString(a.serviceKey());
            out.writeLong(a.timeMicros());
            out.writeString(a.method());
            out.writeString(a.template());
            out.writeString(a.objectId());
            writeNullable(a.principals(), PRINCIPALS, out);
            out.writeBoolean(a.created());
        }

        @Override
        public ObjectAccess read(BinaryInput in) {
            return new ObjectAccess(in.readString(), in.readString(),
                    in.readString(), in.readLong(), in.readString(),
                    in.readString(), in.readString(), readNullable(PRINCIPALS, in),
                    in.readBoolean());
        }
    };

    static final BinaryCodec<SignInAttempt> SIGN_IN_ATTEMPT = new BinaryCodec<>() {
        @Override
        public void write(SignInAttempt a, BinaryOutput out) {
            out.writeString(a.exchangeId());
            out.writeString(a.actorId());
            out.writeString(a.fingerprint());
            out.writeString(a.serviceKey());
            out.writeString(a.template());
            out.writeLong(a.timeMicros());
            out.writeString(a.login());
            out.writeInt(a.status());
            writeNullable(a.principals(), PRINCIPALS, out);
        }

        @Override
        public SignInAttempt read(BinaryInput in) {
            return new SignInAttempt(in.readString(), in.readString(),
                    in.readString(), in.readString(), in.readString(),
                    in.readLong(), in.readString(), in.readInt(), readNullable(PRINCIPALS, in));
        }
    };

    private static <T> void writeNullable(T value, BinaryCodec<T> codec, BinaryOutput out) {
        out.writeBoolean(value != null);
        if (value != null) {
            codec.write(value, out);
        }
    }

    private static <T> T readNullable(BinaryCodec<T> codec, BinaryInput in) {
        return in.readBoolean() ? codec.read(in) : null;
    }

    private static void writeStrings(List<String> values, BinaryOutput out) {
        out.writeVarInt(values.size());
        for (String v : values) {
            out.writeString(v);
        }
    }

    private static List<String> readStrings(BinaryInput in) {
        int n = in.readCount(MAX_ENTRIES);
        if (n == 0) {
            return List.of();
        }
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(in.readString());
        }
        return values;
    }

    private static void writeNullableLong(Long value, BinaryOutput out) {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value);
        }
    }

    private static Long readNullableLong(BinaryInput in) {
        return in.readBoolean() ? in.readLong() : null;
    }
}
