package io.periscope.events.http.avro;

import io.periscope.events.http.Body;
import io.periscope.events.http.BodyScan;
import io.periscope.events.http.ClientIpSource;
import io.periscope.events.http.Connection;
import io.periscope.events.http.Credential;
import io.periscope.events.http.ExchangeFlag;
import io.periscope.events.http.Header;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.HttpRequest;
import io.periscope.events.http.HttpResponse;
import io.periscope.events.http.JwtInfo;
import io.periscope.events.http.MirrorSource;
import io.periscope.events.http.QueryParam;
import io.periscope.events.http.Timings;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@link HttpExchange} in Avro binary, field by field in the order of the frozen schema ({@link ExchangeAvroSchema},
 * {@code HttpExchange.avsc}), as a generated Avro class would write and read it but straight from and into the
 * records, without an intermediate object. Any Avro reader with the schema file reads what {@link #encode} writes
 * ({@code ThirdPartyAvroReaderTest}).
 *
 * <p>Why hand-written: measured against a codec on Avro's own {@code BinaryEncoder}/{@code BinaryDecoder}
 * (docs/performance.md), and because reads must be bounded ({@link AvroInput}); the sensor and every reader also
 * do without the Avro library at run time.
 *
 * <p>Thread-safe: each thread encodes into a buffer of its own; decoding keeps no state.
 */
public final class ExchangeAvroCodec {
    private static final ExchangeFlag[] FLAGS = ExchangeFlag.values();
    private static final ClientIpSource[] IP_SOURCES = ClientIpSource.values();
    private static final Credential.Location[] LOCATIONS = Credential.Location.values();
    private static final Credential.Direction[] DIRECTIONS = Credential.Direction.values();
    private static final Body.Unscanned[] UNSCANNED = Body.Unscanned.values();
    private static final ThreadLocal<AvroOutput> OUTPUT = ThreadLocal.withInitial(AvroOutput::new);

    private ExchangeAvroCodec() {
    }

    /**
     * The exchange's Avro bytes.
     *
     * @throws IllegalArgumentException when a field the schema requires is null (the message names it)
     */
    public static byte[] encode(HttpExchange x) {
        AvroOutput o = OUTPUT.get();
        o.reset();
        o.writeInt(x.schemaVersion());
        o.writeString(x.id());
        MirrorSource s = x.source();
        o.writeString(required(s.session(), "source.session"));
        o.writeInt(s.vni());
        o.writeString(required(s.receiver(), "source.receiver"));
        Connection c = x.connection();
        o.writeString(required(c.id(), "connection.id"));
        o.writeString(required(c.clientAddress(), "connection.clientAddress"));
        o.writeInt(c.clientPort());
        o.writeString(required(c.serverAddress(), "connection.serverAddress"));
        o.writeInt(c.serverPort());
        o.writeNullableString(x.clientIp());
        nullableEnum(o, x.clientIpSource());
        o.writeString(x.serverHost());
        if (x.request() == null) {
            o.writeLong(0);
        } else {
            o.writeLong(1);
            request(o, x.request());
        }
        if (x.response() == null) {
            o.writeLong(0);
        } else {
            o.writeLong(1);
            response(o, x.response());
        }
        Timings t = x.timings();
        o.writeLong(t.requestStartMicros());
        o.writeLong(t.requestEndMicros());
        o.writeLong(t.responseStartMicros());
        o.writeLong(t.responseEndMicros());
        Set<ExchangeFlag> flags = x.flags();
        o.writeArrayStart(flags.size());
        for (ExchangeFlag f : flags) {
            o.writeInt(f.ordinal());
        }
        o.writeArrayEnd(flags.size());
        List<Credential> credentials = x.credentials();
        o.writeArrayStart(credentials.size());
        for (Credential cr : credentials) {
            credential(o, cr);
        }
        o.writeArrayEnd(credentials.size());
        return o.toByteArray();
    }

    private static String required(String value, String field) {
        return required(value, field, "");
    }

    /** The field's name is only put together when it is missing: no string is built per header. */
    private static String required(String value, String field, String part) {
        if (value == null) {
            throw new IllegalArgumentException("HttpExchange." + field + part + " is null; the Avro schema requires a value");
        }
        return value;
    }

    private static void nullableEnum(AvroOutput o, Enum<?> e) {
        if (e == null) {
            o.writeLong(0);
        } else {
            o.writeLong(1);
            o.writeInt(e.ordinal());
        }
    }

    private static void request(AvroOutput o, HttpRequest r) {
        o.writeNullableString(r.method());
        o.writeNullableString(r.target());
        o.writeNullableString(r.path());
        List<QueryParam> query = r.query();
        o.writeArrayStart(query.size());
        for (QueryParam q : query) {
            o.writeString(required(q.name(), "request.query.name"));
            o.writeNullableString(q.value());
        }
        o.writeArrayEnd(query.size());
        o.writeNullableString(r.httpVersion());
        headers(o, r.headers(), "request.headers");
        headers(o, r.trailers(), "request.trailers");
        body(o, r.body());
    }

    private static void response(AvroOutput o, HttpResponse r) {
        o.writeNullableString(r.httpVersion());
        o.writeInt(r.status());
        o.writeNullableString(r.reason());
        List<Integer> informational = r.informational();
        o.writeArrayStart(informational.size());
        for (int status : informational) {
            o.writeInt(status);
        }
        o.writeArrayEnd(informational.size());
        headers(o, r.headers(), "response.headers");
        headers(o, r.trailers(), "response.trailers");
        body(o, r.body());
    }

    private static void headers(AvroOutput o, List<Header> headers, String field) {
        o.writeArrayStart(headers.size());
        for (Header h : headers) {
            o.writeString(required(h.name(), field, ".name"));
            o.writeString(required(h.value(), field, ".value"));
        }
        o.writeArrayEnd(headers.size());
    }

    private static void strings(AvroOutput o, List<String> values, String field) {
        o.writeArrayStart(values.size());
        for (String v : values) {
            o.writeString(required(v, field));
        }
        o.writeArrayEnd(values.size());
    }

    private static void body(AvroOutput o, Body b) {
        o.writeBytes(b.content());
        o.writeLong(b.wireLength());
        o.writeLong(b.decodedLength());
        o.writeBoolean(b.truncated());
        o.writeNullableString(b.contentType());
        strings(o, b.contentEncodings(), "body.contentEncodings");
        o.writeBoolean(b.decoded());
        nullableEnum(o, b.unscanned());
        BodyScan scan = b.scan();
        if (scan == null) {
            o.writeLong(0);
            return;
        }
        o.writeLong(1);
        o.writeLong(scan.scannedBytes());
        o.writeBoolean(scan.complete());
        List<BodyScan.Found> found = scan.beyondContent();
        o.writeArrayStart(found.size());
        for (BodyScan.Found f : found) {
            o.writeString(required(f.type(), "body.scan.beyondContent.type"));
            o.writeString(required(f.field(), "body.scan.beyondContent.field"));
            o.writeLong(f.count());
            o.writeDouble(f.confidence());
            o.writeNullableString(f.example());
        }
        o.writeArrayEnd(found.size());
    }

    private static void credential(AvroOutput o, Credential c) {
        if (c.location() == null) {
            throw new IllegalArgumentException("HttpExchange.credentials.location is null; the Avro schema requires a value");
        }
        o.writeInt(c.location().ordinal());
        o.writeNullableString(c.name());
        o.writeNullableString(c.scheme());
        o.writeNullableString(c.fingerprint());
        o.writeNullableString(c.username());
        JwtInfo j = c.jwt();
        if (j == null) {
            o.writeLong(0);
        } else {
            o.writeLong(1);
            o.writeNullableString(j.alg());
            o.writeNullableString(j.kid());
            o.writeNullableString(j.typ());
            o.writeNullableString(j.iss());
            o.writeNullableString(j.sub());
            strings(o, j.aud(), "credentials.jwt.aud");
            nullableLong(o, j.exp());
            nullableLong(o, j.iat());
            o.writeNullableString(j.jti());
        }
        o.writeInt(c.direction().ordinal());
    }

    private static void nullableLong(AvroOutput o, Long v) {
        if (v == null) {
            o.writeLong(0);
        } else {
            o.writeLong(1);
            o.writeLong(v);
        }
    }

    /**
     * The exchange in {@code bytes}, which must hold exactly one record of the schema.
     *
     * @throws MalformedAvroException when they do not (bounded: see {@link AvroInput}); also when the record reads
     *                                but is not a valid exchange (neither request nor response)
     */
    public static HttpExchange decode(byte[] bytes) {
        AvroInput in = new AvroInput(bytes);
        int version = in.readInt();
        String id = in.readString();
        MirrorSource source = new MirrorSource(in.readString(), in.readInt(), in.readString());
        Connection connection = new Connection(in.readString(), in.readString(), in.readInt(), in.readString(),
                in.readInt());
        String clientIp = in.readNullableString("clientIp");
        ClientIpSource ipSource = in.readPresent("clientIpSource") ? in.readEnum(IP_SOURCES, "clientIpSource") : null;
        String serverHost = in.readString();
        HttpRequest request = in.readPresent("request") ? request(in) : null;
        HttpResponse response = in.readPresent("response") ? response(in) : null;
        Timings timings = new Timings(in.readLong(), in.readLong(), in.readLong(), in.readLong());
        Set<ExchangeFlag> flags = EnumSet.noneOf(ExchangeFlag.class);
        int read = 0;
        for (int n = in.readBlockCount(read, "flags"); n != 0; n = in.readBlockCount(read, "flags")) {
            for (int i = 0; i < n; i++) {
                flags.add(in.readEnum(FLAGS, "flags"));
            }
            read += n;
        }
        List<Credential> credentials = new ArrayList<>();
        for (int n = in.readBlockCount(credentials.size(), "credentials"); n != 0;
             n = in.readBlockCount(credentials.size(), "credentials")) {
            for (int i = 0; i < n; i++) {
                credentials.add(credential(in));
            }
        }
        if (in.remaining() != 0) {
            throw new MalformedAvroException(in.remaining() + " bytes left over after the record at byte "
                    + in.position());
        }
        if (request == null && response == null) {
            throw new MalformedAvroException("an exchange with neither request nor response");
        }
        return new HttpExchange(version, id, source, connection, clientIp, ipSource, serverHost, request, response,
                timings, flags, credentials);
    }

    private static HttpRequest request(AvroInput in) {
        String method = in.readNullableString("request.method");
        String target = in.readNullableString("request.target");
        String path = in.readNullableString("request.path");
        List<QueryParam> query = new ArrayList<>();
        for (int n = in.readBlockCount(query.size(), "request.query"); n != 0;
             n = in.readBlockCount(query.size(), "request.query")) {
            for (int i = 0; i < n; i++) {
                query.add(new QueryParam(in.readString(), in.readNullableString("request.query.value")));
            }
        }
        String httpVersion = in.readNullableString("request.httpVersion");
        return new HttpRequest(method, target, path, query, httpVersion, headers(in, "request.headers"),
                headers(in, "request.trailers"), body(in));
    }

    private static HttpResponse response(AvroInput in) {
        String httpVersion = in.readNullableString("response.httpVersion");
        int status = in.readInt();
        String reason = in.readNullableString("response.reason");
        List<Integer> informational = new ArrayList<>();
        for (int n = in.readBlockCount(informational.size(), "response.informational"); n != 0;
             n = in.readBlockCount(informational.size(), "response.informational")) {
            for (int i = 0; i < n; i++) {
                informational.add(in.readInt());
            }
        }
        return new HttpResponse(httpVersion, status, reason, informational, headers(in, "response.headers"),
                headers(in, "response.trailers"), body(in));
    }

    private static List<Header> headers(AvroInput in, String field) {
        List<Header> out = new ArrayList<>();
        for (int n = in.readBlockCount(out.size(), field); n != 0; n = in.readBlockCount(out.size(), field)) {
            for (int i = 0; i < n; i++) {
                out.add(new Header(in.readString(), in.readString()));
            }
        }
        return out;
    }

    private static List<String> strings(AvroInput in, String field) {
        List<String> out = new ArrayList<>();
        for (int n = in.readBlockCount(out.size(), field); n != 0; n = in.readBlockCount(out.size(), field)) {
            for (int i = 0; i < n; i++) {
                out.add(in.readString());
            }
        }
        return out;
    }

    private static Body body(AvroInput in) {
        byte[] content = in.readBytes();
        long wire = in.readLong();
        long decodedLength = in.readLong();
        boolean truncated = in.readBoolean();
        String contentType = in.readNullableString("body.contentType");
        List<String> encodings = strings(in, "body.contentEncodings");
        boolean decoded = in.readBoolean();
        Body.Unscanned unscanned = in.readPresent("body.unscanned") ? in.readEnum(UNSCANNED, "body.unscanned") : null;
        BodyScan scan = in.readPresent("body.scan") ? scan(in) : null;
        return new Body(content, wire, decodedLength, truncated, contentType, encodings, decoded, unscanned, scan);
    }

    private static BodyScan scan(AvroInput in) {
        long scanned = in.readLong();
        boolean complete = in.readBoolean();
        List<BodyScan.Found> found = new ArrayList<>();
        String field = "body.scan.beyondContent";
        for (int n = in.readBlockCount(found.size(), field); n != 0; n = in.readBlockCount(found.size(), field)) {
            for (int i = 0; i < n; i++) {
                found.add(new BodyScan.Found(in.readString(), in.readString(), in.readLong(), in.readDouble(),
                        in.readNullableString("body.scan.beyondContent.example")));
            }
        }
        return new BodyScan(scanned, complete, found);
    }

    private static Credential credential(AvroInput in) {
        Credential.Location location = in.readEnum(LOCATIONS, "credentials.location");
        String name = in.readNullableString("credentials.name");
        String scheme = in.readNullableString("credentials.scheme");
        String fingerprint = in.readNullableString("credentials.fingerprint");
        String username = in.readNullableString("credentials.username");
        JwtInfo jwt = in.readPresent("credentials.jwt") ? jwt(in) : null;
        return new Credential(location, name, scheme, fingerprint, username, jwt,
                in.readEnum(DIRECTIONS, "credentials.direction"));
    }

    private static JwtInfo jwt(AvroInput in) {
        return new JwtInfo(in.readNullableString("credentials.jwt.alg"), in.readNullableString("credentials.jwt.kid"),
                in.readNullableString("credentials.jwt.typ"), in.readNullableString("credentials.jwt.iss"),
                in.readNullableString("credentials.jwt.sub"), strings(in, "credentials.jwt.aud"),
                in.readPresent("credentials.jwt.exp") ? in.readLong() : null,
                in.readPresent("credentials.jwt.iat") ? in.readLong() : null, in.readNullableString("credentials.jwt.jti"));
    }
}
