package io.periscope.events.http.avro;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.events.http.Body;
import io.periscope.events.http.ClientIpSource;
import io.periscope.events.http.Credential;
import io.periscope.events.http.ExchangeFlag;
import io.periscope.events.http.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a consumer outside Periscope does: parse {@code HttpExchange.avsc} with the Apache Avro library and read our
 * bytes with its {@link GenericDatumReader}, and the other way round, so the hand-written codec and the frozen schema
 * cannot drift apart.
 */
class ThirdPartyAvroReaderTest {
    private static final Schema SCHEMA = new Schema.Parser().parse(ExchangeAvroSchema.text());

    static List<HttpExchange> exchanges() {
        return RealisticExchanges.all();
    }

    @Test
    void theSchemaFileHasTheFingerprintWeDeclare() {
        assertThat(SchemaNormalization.parsingFingerprint64(SCHEMA)).isEqualTo(ExchangeAvroSchema.FINGERPRINT);
    }

    @Test
    void theSchemaEnumsHaveTheJavaEnumsSymbolsInOrder() {
        assertThat(symbols("ClientIpSource")).isEqualTo(names(ClientIpSource.values()));
        assertThat(symbols("ExchangeFlag")).isEqualTo(names(ExchangeFlag.values()));
        assertThat(symbols("Location")).isEqualTo(names(Credential.Location.values()));
        assertThat(symbols("Direction")).isEqualTo(names(Credential.Direction.values()));
        assertThat(symbols("Unscanned")).isEqualTo(names(Body.Unscanned.values()));
    }

    private static List<String> symbols(String name) {
        return find(SCHEMA, name, new java.util.HashSet<>()).getEnumSymbols();
    }

    /** The named type anywhere in {@code s}: in a field, a union branch or array items. */
    private static Schema find(Schema s, String name, java.util.Set<String> seen) {
        if (s.getType() == Schema.Type.ENUM && s.getName().equals(name)) {
            return s;
        }
        List<Schema> inner = switch (s.getType()) {
            case RECORD -> seen.add(s.getFullName()) ? s.getFields().stream().map(Schema.Field::schema).toList() : List.of();
            case UNION -> s.getTypes();
            case ARRAY -> List.of(s.getElementType());
            default -> List.of();
        };
        for (Schema i : inner) {
            Schema found = find(i, name, seen);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    @ParameterizedTest
    @MethodSource("exchanges")
    void aGenericReaderWithTheSchemaFileReadsOurBytes(HttpExchange x) throws IOException {
        GenericRecord r = read(ExchangeAvroCodec.encode(x));

        assertThat(r.get("id")).hasToString(x.id());
        assertThat(r.get("serverHost")).hasToString(x.serverHost());
        assertThat(((GenericRecord) r.get("source")).get("vni")).isEqualTo(x.source().vni());
        assertThat(r.get("clientIp") == null ? null : r.get("clientIp").toString()).isEqualTo(x.clientIp());
        assertThat(((List<?>) r.get("flags")).stream().map(Object::toString).sorted().toList())
                .isEqualTo(x.flags().stream().map(Enum::name).sorted().toList());
        assertThat(((List<?>) r.get("credentials"))).hasSize(x.credentials().size());
        if (x.response() != null) {
            GenericRecord response = (GenericRecord) r.get("response");
            assertThat(response.get("status")).isEqualTo(x.response().status());
            ByteBuffer content = (ByteBuffer) ((GenericRecord) response.get("body")).get("content");
            byte[] bytes = new byte[content.remaining()];
            content.get(bytes);
            assertThat(bytes).isEqualTo(x.response().body().content());
            assertThat(((List<?>) response.get("headers"))).hasSize(x.response().headers().size());
        } else {
            assertThat(r.get("response")).isNull();
        }
        if (x.request() != null) {
            GenericRecord request = (GenericRecord) r.get("request");
            assertThat(((List<?>) request.get("headers")).stream()
                    .map(h -> ((GenericRecord) h).get("name") + ": " + ((GenericRecord) h).get("value")).toList())
                    .isEqualTo(x.request().headers().stream().map(h -> h.name() + ": " + h.value()).toList());
        }
    }

    @ParameterizedTest
    @MethodSource("exchanges")
    void whatAGenericWriterWritesWeReadAsTheSameExchange(HttpExchange x) throws IOException {
        GenericRecord generic = read(ExchangeAvroCodec.encode(x));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(SCHEMA, GenericData.get()).write(generic, encoder);
        encoder.flush();

        assertThat(out.toByteArray()).isEqualTo(ExchangeAvroCodec.encode(x));
        assertThat(ExchangeAvroCodec.decode(out.toByteArray())).usingRecursiveComparison()
                .ignoringCollectionOrderInFields("flags").isEqualTo(x);
    }

    private static GenericRecord read(byte[] bytes) throws IOException {
        var decoder = DecoderFactory.get().binaryDecoder(bytes, null);
        GenericRecord r = new GenericDatumReader<GenericRecord>(SCHEMA).read(null, decoder);
        assertThat(decoder.isEnd()).as("the generic reader consumed every byte").isTrue();
        return r;
    }
}
