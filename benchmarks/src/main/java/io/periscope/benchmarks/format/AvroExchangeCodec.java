package io.periscope.benchmarks.format;

import io.periscope.events.http.Body;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * {@link HttpExchange} in Avro binary, written and read field by field against {@link #SCHEMA}, as a generated
 * (specific) Avro class would: the candidate binary record format of the record-format comparison
 * (docs/events.md). Enum symbols are taken from the Java enums, so ordinals and symbols agree; every string
 * that a record may leave null is a {@code ["null","string"]} union. Not thread-safe (one encoder per instance).
 */
final class AvroExchangeCodec {
    static final Schema SCHEMA = schema();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    private BinaryEncoder encoder;
    private BinaryDecoder decoder;

    byte[] encode(HttpExchange x) throws IOException {
        out.reset();
        encoder = EncoderFactory.get().binaryEncoder(out, encoder);
        BinaryEncoder e = encoder;
        e.writeInt(x.schemaVersion());
        e.writeString(x.id());
        e.writeString(x.source().session());
        e.writeInt(x.source().vni());
        e.writeString(x.source().receiver());
        Connection c = x.connection();
        e.writeString(c.id());
        e.writeString(c.clientAddress());
        e.writeInt(c.clientPort());
        e.writeString(c.serverAddress());
        e.writeInt(c.serverPort());
        nullable(e, x.clientIp());
        e.writeEnum(x.clientIpSource().ordinal());
        e.writeString(x.serverHost());
        if (x.request() == null) {
            e.writeIndex(0);
        } else {
            e.writeIndex(1);
            HttpRequest r = x.request();
            nullable(e, r.method());
            nullable(e, r.target());
            nullable(e, r.path());
            e.writeArrayStart();
            e.setItemCount(r.query().size());
            for (QueryParam q : r.query()) {
                e.startItem();
                e.writeString(q.name());
                nullable(e, q.value());
            }
            e.writeArrayEnd();
            nullable(e, r.httpVersion());
            headers(e, r.headers());
            headers(e, r.trailers());
            body(e, r.body());
        }
        if (x.response() == null) {
            e.writeIndex(0);
        } else {
            e.writeIndex(1);
            HttpResponse r = x.response();
            nullable(e, r.httpVersion());
            e.writeInt(r.status());
            nullable(e, r.reason());
            e.writeArrayStart();
            e.setItemCount(r.informational().size());
            for (int s : r.informational()) {
                e.startItem();
                e.writeInt(s);
            }
            e.writeArrayEnd();
            headers(e, r.headers());
            headers(e, r.trailers());
            body(e, r.body());
        }
        Timings t = x.timings();
        e.writeLong(t.requestStartMicros());
        e.writeLong(t.requestEndMicros());
        e.writeLong(t.responseStartMicros());
        e.writeLong(t.responseEndMicros());
        e.writeArrayStart();
        e.setItemCount(x.flags().size());
        for (ExchangeFlag f : x.flags()) {
            e.startItem();
            e.writeEnum(f.ordinal());
        }
        e.writeArrayEnd();
        e.writeArrayStart();
        e.setItemCount(x.credentials().size());
        for (Credential cr : x.credentials()) {
            e.startItem();
            e.writeEnum(cr.location().ordinal());
            nullable(e, cr.name());
            nullable(e, cr.scheme());
            nullable(e, cr.fingerprint());
            nullable(e, cr.username());
            if (cr.jwt() == null) {
                e.writeIndex(0);
            } else {
                e.writeIndex(1);
                JwtInfo j = cr.jwt();
                nullable(e, j.alg());
                nullable(e, j.kid());
                nullable(e, j.typ());
                nullable(e, j.iss());
                nullable(e, j.sub());
                strings(e, j.aud());
                nullable(e, j.exp());
                nullable(e, j.iat());
                nullable(e, j.jti());
            }
            e.writeEnum(cr.direction().ordinal());
        }
        e.writeArrayEnd();
        e.flush();
        return out.toByteArray();
    }

    HttpExchange decode(byte[] bytes) throws IOException {
        decoder = DecoderFactory.get().binaryDecoder(bytes, decoder);
        BinaryDecoder d = decoder;
        int version = d.readInt();
        String id = d.readString();
        MirrorSource source = new MirrorSource(d.readString(), d.readInt(), d.readString());
        Connection connection = new Connection(d.readString(), d.readString(), d.readInt(), d.readString(), d.readInt());
        String clientIp = nullableString(d);
        ClientIpSource ipSource = ClientIpSource.values()[d.readEnum()];
        String serverHost = d.readString();
        HttpRequest request = null;
        if (d.readIndex() == 1) {
            String method = nullableString(d);
            String target = nullableString(d);
            String path = nullableString(d);
            List<QueryParam> query = new ArrayList<>();
            for (long n = d.readArrayStart(); n != 0; n = d.arrayNext()) {
                for (long i = 0; i < n; i++) {
                    query.add(new QueryParam(d.readString(), nullableString(d)));
                }
            }
            request = new HttpRequest(method, target, path, query, nullableString(d), headers(d), headers(d), body(d));
        }
        HttpResponse response = null;
        if (d.readIndex() == 1) {
            String httpVersion = nullableString(d);
            int status = d.readInt();
            String reason = nullableString(d);
            List<Integer> informational = new ArrayList<>();
            for (long n = d.readArrayStart(); n != 0; n = d.arrayNext()) {
                for (long i = 0; i < n; i++) {
                    informational.add(d.readInt());
                }
            }
            response = new HttpResponse(httpVersion, status, reason, informational, headers(d), headers(d), body(d));
        }
        Timings timings = new Timings(d.readLong(), d.readLong(), d.readLong(), d.readLong());
        Set<ExchangeFlag> flags = EnumSet.noneOf(ExchangeFlag.class);
        for (long n = d.readArrayStart(); n != 0; n = d.arrayNext()) {
            for (long i = 0; i < n; i++) {
                flags.add(ExchangeFlag.values()[d.readEnum()]);
            }
        }
        List<Credential> credentials = new ArrayList<>();
        for (long n = d.readArrayStart(); n != 0; n = d.arrayNext()) {
            for (long i = 0; i < n; i++) {
                Credential.Location location = Credential.Location.values()[d.readEnum()];
                String name = nullableString(d);
                String scheme = nullableString(d);
                String fingerprint = nullableString(d);
                String username = nullableString(d);
                JwtInfo jwt = null;
                if (d.readIndex() == 1) {
                    jwt = new JwtInfo(nullableString(d), nullableString(d), nullableString(d), nullableString(d),
                            nullableString(d), strings(d), nullableLong(d), nullableLong(d), nullableString(d));
                }
                credentials.add(new Credential(location, name, scheme, fingerprint, username, jwt,
                        Credential.Direction.values()[d.readEnum()]));
            }
        }
        return new HttpExchange(version, id, source, connection, clientIp, ipSource, serverHost, request, response,
                timings, flags, credentials);
    }

    private static void nullable(BinaryEncoder e, String s) throws IOException {
        if (s == null) {
            e.writeIndex(0);
        } else {
            e.writeIndex(1);
            e.writeString(s);
        }
    }

    private static void nullable(BinaryEncoder e, Long v) throws IOException {
        if (v == null) {
            e.writeIndex(0);
        } else {
            e.writeIndex(1);
            e.writeLong(v);
        }
    }

    private static void strings(BinaryEncoder e, List<String> values) throws IOException {
        e.writeArrayStart();
        e.setItemCount(values.size());
        for (String v : values) {
            e.startItem();
            e.writeString(v);
        }
        e.writeArrayEnd();
    }

    private static void headers(BinaryEncoder e, List<Header> headers) throws IOException {
        e.writeArrayStart();
        e.setItemCount(headers.size());
        for (Header h : headers) {
            e.startItem();
            e.writeString(h.name());
            e.writeString(h.value());
        }
        e.writeArrayEnd();
    }

    private static void body(BinaryEncoder e, Body b) throws IOException {
        e.writeBytes(b.content());
        e.writeLong(b.wireLength());
        e.writeLong(b.decodedLength());
        e.writeBoolean(b.truncated());
        nullable(e, b.contentType());
        strings(e, b.contentEncodings());
        e.writeBoolean(b.decoded());
        if (b.unscanned() == null) {
            e.writeIndex(0);
        } else {
            e.writeIndex(1);
            e.writeEnum(b.unscanned().ordinal());
        }
    }

    private static String nullableString(BinaryDecoder d) throws IOException {
        return d.readIndex() == 0 ? null : d.readString();
    }

    private static Long nullableLong(BinaryDecoder d) throws IOException {
        return d.readIndex() == 0 ? null : d.readLong();
    }

    private static List<String> strings(BinaryDecoder d) throws IOException {
        List<String> out = new ArrayList<>();
        for (long n = d.readArrayStart(); n != 0; n = d.arrayNext()) {
            for (long i = 0; i < n; i++) {
                out.add(d.readString());
            }
        }
        return out;
    }

    private static List<Header> headers(BinaryDecoder d) throws IOException {
        List<Header> out = new ArrayList<>();
        for (long n = d.readArrayStart(); n != 0; n = d.arrayNext()) {
            for (long i = 0; i < n; i++) {
                out.add(new Header(d.readString(), d.readString()));
            }
        }
        return out;
    }

    private static Body body(BinaryDecoder d) throws IOException {
        ByteBuffer content = d.readBytes(null);
        byte[] bytes = new byte[content.remaining()];
        content.get(bytes);
        long wire = d.readLong();
        long decodedLength = d.readLong();
        boolean truncated = d.readBoolean();
        String contentType = nullableString(d);
        List<String> encodings = strings(d);
        boolean decoded = d.readBoolean();
        Body.Unscanned unscanned = d.readIndex() == 0 ? null : Body.Unscanned.values()[d.readEnum()];
        return new Body(bytes, wire, decodedLength, truncated, contentType, encodings, decoded, unscanned);
    }

    private static Schema schema() {
        String ns = "io.periscope.events.http";
        Schema header = SchemaBuilder.record("Header").namespace(ns).fields()
                .requiredString("name").requiredString("value").endRecord();
        Schema unscanned = SchemaBuilder.enumeration("Unscanned").namespace(ns).symbols(names(Body.Unscanned.values()));
        Schema body = SchemaBuilder.record("Body").namespace(ns).fields()
                .requiredBytes("content").requiredLong("wireLength").requiredLong("decodedLength")
                .requiredBoolean("truncated").optionalString("contentType")
                .name("contentEncodings").type().array().items().stringType().noDefault()
                .requiredBoolean("decoded")
                .name("unscanned").type().optional().type(unscanned)
                .endRecord();
        Schema query = SchemaBuilder.record("QueryParam").namespace(ns).fields()
                .requiredString("name").optionalString("value").endRecord();
        Schema request = SchemaBuilder.record("HttpRequest").namespace(ns).fields()
                .optionalString("method").optionalString("target").optionalString("path")
                .name("query").type().array().items(query).noDefault()
                .optionalString("httpVersion")
                .name("headers").type().array().items(header).noDefault()
                .name("trailers").type().array().items(header).noDefault()
                .name("body").type(body).noDefault()
                .endRecord();
        Schema response = SchemaBuilder.record("HttpResponse").namespace(ns).fields()
                .optionalString("httpVersion").requiredInt("status").optionalString("reason")
                .name("informational").type().array().items().intType().noDefault()
                .name("headers").type().array().items(header).noDefault()
                .name("trailers").type().array().items(header).noDefault()
                .name("body").type(body).noDefault()
                .endRecord();
        Schema jwt = SchemaBuilder.record("JwtInfo").namespace(ns).fields()
                .optionalString("alg").optionalString("kid").optionalString("typ").optionalString("iss")
                .optionalString("sub").name("aud").type().array().items().stringType().noDefault()
                .optionalLong("exp").optionalLong("iat").optionalString("jti").endRecord();
        Schema credential = SchemaBuilder.record("Credential").namespace(ns).fields()
                .name("location").type().enumeration("Location").symbols(names(Credential.Location.values())).noDefault()
                .optionalString("name").optionalString("scheme").optionalString("fingerprint").optionalString("username")
                .name("jwt").type().optional().type(jwt)
                .name("direction").type().enumeration("Direction").symbols(names(Credential.Direction.values())).noDefault()
                .endRecord();
        return SchemaBuilder.record("HttpExchange").namespace(ns).fields()
                .requiredInt("schemaVersion").requiredString("id")
                .name("source").type().record("MirrorSource").fields()
                    .requiredString("session").requiredInt("vni").requiredString("receiver").endRecord().noDefault()
                .name("connection").type().record("Connection").fields()
                    .requiredString("id").requiredString("clientAddress").requiredInt("clientPort")
                    .requiredString("serverAddress").requiredInt("serverPort").endRecord().noDefault()
                .optionalString("clientIp")
                .name("clientIpSource").type().enumeration("ClientIpSource").symbols(names(ClientIpSource.values())).noDefault()
                .requiredString("serverHost")
                .name("request").type().optional().type(request)
                .name("response").type().optional().type(response)
                .name("timings").type().record("Timings").fields()
                    .requiredLong("requestStartMicros").requiredLong("requestEndMicros")
                    .requiredLong("responseStartMicros").requiredLong("responseEndMicros").endRecord().noDefault()
                .name("flags").type().array().items().enumeration("ExchangeFlag").symbols(names(ExchangeFlag.values())).noDefault()
                .name("credentials").type().array().items(credential).noDefault()
                .endRecord();
    }

    private static String[] names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toArray(String[]::new);
    }
}
