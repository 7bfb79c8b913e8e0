package io.periscope.benchmarks.format;

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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * The baseline the production codec ({@link io.periscope.events.http.avro.ExchangeAvroCodec}) was chosen against:
 * the same field-by-field encoding of {@code HttpExchange.avsc}, but on the Avro library's own
 * {@link BinaryEncoder}/{@link BinaryDecoder}, as the first record-format comparison did (and as a generated class
 * does underneath). Not thread-safe (one encoder per instance).
 */
final class AvroLibraryCodec {

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
        if (x.clientIpSource() == null) {
            e.writeIndex(0);
        } else {
            e.writeIndex(1);
            e.writeEnum(x.clientIpSource().ordinal());
        }
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
        ClientIpSource ipSource = d.readIndex() == 0 ? null : ClientIpSource.values()[d.readEnum()];
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
        if (b.scan() == null) {
            e.writeIndex(0);
            return;
        }
        e.writeIndex(1);
        e.writeLong(b.scan().scannedBytes());
        e.writeBoolean(b.scan().complete());
        e.writeArrayStart();
        e.setItemCount(b.scan().beyondContent().size());
        for (BodyScan.Found f : b.scan().beyondContent()) {
            e.startItem();
            e.writeString(f.type());
            e.writeString(f.field());
            e.writeLong(f.count());
            e.writeDouble(f.confidence());
            nullable(e, f.example());
        }
        e.writeArrayEnd();
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
        BodyScan scan = null;
        if (d.readIndex() == 1) {
            long scanned = d.readLong();
            boolean complete = d.readBoolean();
            List<BodyScan.Found> found = new ArrayList<>();
            for (long n = d.readArrayStart(); n != 0; n = d.arrayNext()) {
                for (long i = 0; i < n; i++) {
                    found.add(new BodyScan.Found(d.readString(), d.readString(), d.readLong(), d.readDouble(),
                            nullableString(d)));
                }
            }
            scan = new BodyScan(scanned, complete, found);
        }
        return new Body(bytes, wire, decodedLength, truncated, contentType, encodings, decoded, unscanned, scan);
    }
}
